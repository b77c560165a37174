// construct: unary operators on parenthesised unary expressions, the one-token reductions ~& ~| ~^ ^~, and a binary minus before a unary minus
// section: IEEE 1364-2005 A.8.3
// expect: valid
module unary_operand_parenthesised(input signed [7:0] a, b, output [7:0] y, output [5:0] r);
  // !(~a), -(-a), &(~a) parenthesise the inner unary expression; ~&a is one operator
  assign y = -(-a) + (a - -b) + ~(-b) + (a & ~b);
  assign r = {!(~a), &(~a), ~&a, ~|a, ~^a, ^~b};
endmodule
