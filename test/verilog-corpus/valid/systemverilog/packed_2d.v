// construct: a multi-dimensional packed array
// section: IEEE 1800-2017 7.4.1
// expect: valid
module packed_2d(input [3:0][7:0] a, output [7:0] y);
  assign y = a[2];
endmodule
