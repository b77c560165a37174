// construct: a parameter override from a wire
// section: IEEE 1364-2005 12.2.2
// expect: error on line 8
module pow_leaf #(parameter W = 1) (output [W-1:0] y);
  assign y = 0;
endmodule
module parameter_override_wire(input [3:0] n, output [3:0] y);
  pow_leaf #(n) u (y); // error
endmodule
