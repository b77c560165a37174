// construct: a binary operator with no right operand
// section: IEEE 1364-2005 5.1
// expect: error on line 5
module missing_operand(input a, output y);
  assign y = a &; // error
endmodule
