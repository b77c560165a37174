// construct: a default parameter that depends on an overridden one
// section: IEEE 1364-2005 12.2.3
// expect: valid
module pd_leaf #(parameter W = 4, parameter MAX = (1 << W) - 1) (output [W-1:0] y);
  assign y = MAX;
endmodule
module parameter_dependence(output [7:0] y);
  pd_leaf #(.W(8)) u (y);
endmodule
