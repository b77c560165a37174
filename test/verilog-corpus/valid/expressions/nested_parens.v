// construct: deeply nested parentheses
// section: IEEE 1364-2005 5.1
// expect: valid
module nested_parens(input [3:0] a, output [3:0] y);
  assign y = ((((((a)))) + (((1)))));
endmodule
