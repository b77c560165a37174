// construct: an output port connected to a constant
// section: IEEE 1364-2005 12.3.9
// expect: error on line 8
module opc_leaf(output y);
  assign y = 1'b1;
endmodule
module output_port_to_constant;
  opc_leaf u (1'b0); // error
endmodule
