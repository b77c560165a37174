// construct: more positional parameter overrides than the module has parameters
// section: IEEE 1364-2005 12.2.2
// expect: error on line 8
module pot_leaf #(parameter A = 1) (output [3:0] y);
  assign y = A;
endmodule
module parameter_override_too_many(output [3:0] y);
  pot_leaf #(1, 2) u (y); // error
endmodule
