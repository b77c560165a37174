// construct: a literal with more digits than its size (truncated, a warning)
// section: IEEE 1364-2005 3.5.1
// expect: valid
module numbers_truncated(output [3:0] y);
  assign y = 4'hFF;
endmodule
