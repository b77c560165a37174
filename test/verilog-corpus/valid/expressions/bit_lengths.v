// construct: expression bit lengths: the carry of an addition kept by a wider target
// section: IEEE 1364-2005 5.4
// expect: valid
module bit_lengths(input [7:0] a, b, output [8:0] s, output [7:0] t);
  assign s = a + b;
  assign t = (a + b) >> 1;
endmodule
