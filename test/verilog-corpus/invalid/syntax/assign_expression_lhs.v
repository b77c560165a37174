// construct: an operator expression on the left of an assignment
// section: IEEE 1364-2005 6.1.2
// expect: error on line 5
module assign_expression_lhs(input a, b, c);
  assign a + b = c; // error
endmodule
