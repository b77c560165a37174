// construct: a module output port connected to a reg
// section: IEEE 1364-2005 12.3.9
// expect: error on line 9
module ior_leaf(input a, output y);
  assign y = a;
endmodule
module instance_output_reg(input a);
  reg r;
  ior_leaf u (.a(a), .y(r)); // error
endmodule
