// construct: a concatenation on the left side of an assignment
// section: IEEE 1364-2005 5.1.12
// expect: valid
module concat_lhs(input [3:0] a, b, output [3:0] s, output c);
  assign {c, s} = a + b;
endmodule
