// construct: bitwise operators
// section: IEEE 1364-2005 5.1.8
// expect: valid
module bitwise(input [3:0] a, b, output [3:0] n, x, o, e, xn1, xn2);
  assign n = ~a;
  assign x = a & b;
  assign o = a | b;
  assign e = a ^ b;
  assign xn1 = a ~^ b;
  assign xn2 = a ^~ b;
endmodule
