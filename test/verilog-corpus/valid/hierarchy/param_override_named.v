// construct: parameter values overridden by name
// section: IEEE 1364-2005 12.2.2
// expect: valid
module pon_leaf #(parameter WIDTH = 4, DEPTH = 2) (output [WIDTH-1:0] y);
  assign y = DEPTH;
endmodule
module param_override_named(output [7:0] y);
  pon_leaf #(.DEPTH(5), .WIDTH(8)) u (.y(y));
endmodule
