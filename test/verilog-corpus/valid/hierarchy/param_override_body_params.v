// construct: overriding parameters declared in the module body
// section: IEEE 1364-2005 12.2.2
// expect: valid
module pob_leaf(y);
  parameter W = 2;
  output [W-1:0] y;
  assign y = {W{1'b1}};
endmodule
module param_override_body_params(output [5:0] y);
  pob_leaf #(6) u (y);
endmodule
