// construct: gate inputs tied to constants
// section: IEEE 1364-2005 7.1.6
// expect: valid
module gate_constant_inputs(input a, output y, z);
  and (y, a, 1'b1);
  or (z, 1'b0, a);
endmodule
