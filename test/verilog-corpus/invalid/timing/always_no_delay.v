// construct: an always block with no timing control
// section: IEEE 1364-2005 9.9.2
// expect: error on line 6
module always_no_delay;
  reg x;
  always x = ~x; // error
endmodule
