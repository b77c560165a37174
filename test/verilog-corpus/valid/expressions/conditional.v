// construct: the conditional operator, nested
// section: IEEE 1364-2005 5.1.11
// expect: valid
module conditional(input [1:0] s, input [3:0] a, b, c, output [3:0] y);
  assign y = s == 2'd0 ? a : s == 2'd1 ? b : c;
endmodule
