// construct: an always block whose only timing control is inside a nonblocking assignment (which never waits)
// section: IEEE 1364-2005 9.9.2
// expect: error on line 6
module always_nonblocking_delay_only;
  reg q;
  always q <= #1 ~q; // error
endmodule
