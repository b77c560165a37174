// construct: function-like `define with arguments
// section: IEEE 1364-2005 19.3
// expect: valid
`define MAX(a, b) ((a) > (b) ? (a) : (b))
module define_function(input [7:0] x, z, output [7:0] y);
  assign y = `MAX(x, z);
endmodule
