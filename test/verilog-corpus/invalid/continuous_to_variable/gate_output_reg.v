// construct: a gate output driving a reg
// section: IEEE 1364-2005 7.1.6
// expect: error on line 6
module gate_output_reg(input a, b);
  reg r;
  and g (r, a, b); // error
endmodule
