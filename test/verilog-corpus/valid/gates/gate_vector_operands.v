// construct: gate terminals connected to bit selects and concatenation bits
// section: IEEE 1364-2005 7.1.6
// expect: valid
module gate_vector_operands(input [2:0] a, output [1:0] y);
  and (y[0], a[0], a[1]);
  or (y[1], a[2], y[0]);
endmodule
