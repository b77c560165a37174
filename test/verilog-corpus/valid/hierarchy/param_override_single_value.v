// construct: a parameter override without parentheses (#8)
// section: IEEE 1364-2005 12.2.2
// expect: valid
module pos1_leaf #(parameter W = 1) (output [W-1:0] y);
  assign y = 0;
endmodule
module param_override_single_value(output [7:0] y);
  pos1_leaf #8 u (y);
endmodule
