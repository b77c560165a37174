// construct: arithmetic operators + - * / % **
// section: IEEE 1364-2005 5.1.3
// expect: valid
module arithmetic(input [7:0] a, b, output [15:0] s, d, p, q, r, e);
  assign s = a + b;
  assign d = a - b;
  assign p = a * b;
  assign q = a / (b | 8'd1);
  assign r = a % (b | 8'd1);
  assign e = a ** 2;
endmodule
