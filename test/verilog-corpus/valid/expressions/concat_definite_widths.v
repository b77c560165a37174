// construct: concatenation operands of definite width: sized constants, an unsized replication count, comparisons, reductions, unsized parameters
// section: IEEE 1364-2005 5.1.14
// expect: valid
module concat_definite_widths(input [3:0] a, b, output [63:0] y);
  parameter P = 5;
  // 2-bit sized constant replicated by an unsized count; 1-bit comparison and reduction results;
  // b << 5 is as wide as b; a parameter operand has the width of its value
  assign y = {a, {3{2'd1}}, b == 5, &5, b << 5, 32'd5, P};
endmodule
