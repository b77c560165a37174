// construct: a conditional operator without its colon
// section: IEEE 1364-2005 5.1.11
// expect: error on line 5
module ternary_missing_colon(input s, a, b, output y);
  assign y = s ? a b; // error
endmodule
