// construct: overriding a localparam by name
// section: IEEE 1364-2005 12.2.2
// expect: error on line 9
module pol_leaf #(parameter A = 1) (output [3:0] y);
  localparam B = 2;
  assign y = A + B;
endmodule
module parameter_override_localparam(output [3:0] y);
  pol_leaf #(.B(5)) u (y); // error
endmodule
