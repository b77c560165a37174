// construct: parameter values overridden by position
// section: IEEE 1364-2005 12.2.2
// expect: valid
module pop_leaf #(parameter A = 1, parameter B = 2) (output [7:0] y);
  assign y = A * 10 + B;
endmodule
module param_override_positional(output [7:0] y);
  pop_leaf #(3, 4) u (y);
endmodule
