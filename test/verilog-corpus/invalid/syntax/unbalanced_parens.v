// construct: an expression with an unclosed parenthesis
// section: IEEE 1364-2005 5.1
// expect: error on line 5
module unbalanced_parens(input a, b, output y);
  assign y = (a & (b | a); // error
endmodule
