// construct: an always with a loop and no timing control
// section: IEEE 1364-2005 9.9.2
// expect: error on line 7
module always_loop_no_delay;
  integer i;
  reg [7:0] m;
  always for (i = 0; i < 8; i = i + 1) m[i] = 1'b0; // error
endmodule
