// construct: an array of gate instances
// section: IEEE 1364-2005 7.1.5
// expect: valid
module gate_array(input [3:0] a, b, output [3:0] y);
  and g[3:0] (y, a, b);
endmodule
