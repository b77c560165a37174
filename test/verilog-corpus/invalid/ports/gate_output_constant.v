// construct: a gate output terminal tied to a constant
// section: IEEE 1364-2005 7.1.6
// expect: error on line 5
module gate_output_constant(input a, b);
  and g (1'b0, a, b); // error
endmodule
