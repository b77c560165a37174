// construct: an if condition without parentheses
// section: IEEE 1364-2005 9.4
// expect: error on line 5
module missing_paren_condition(input a, output reg y);
  always @* if a y = 1; else y = 0; // error
endmodule
