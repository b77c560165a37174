// construct: concatenation of nets, selects and constants
// section: IEEE 1364-2005 5.1.12
// expect: valid
module concatenation(input [3:0] a, input b, output [9:0] y);
  assign y = {a, b, 2'b01, a[1:0], 1'b1};
endmodule
