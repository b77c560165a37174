// construct: an unsized constant as a concatenation operand
// section: IEEE 1364-2005 5.1.14
// expect: error on line 6
module unsized_in_concat(input [3:0] a, output [35:0] y);
  // {a, 5} has no definite width: the 5 is an integer of the tool's own size
  assign y = {a, 5}; // error
endmodule
