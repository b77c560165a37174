// construct: indexed part selects +: and -:
// section: IEEE 1364-2005 5.2.1
// expect: valid
module part_select_indexed(input [31:0] a, input [1:0] k, output [7:0] y, z);
  assign y = a[k*8 +: 8];
  assign z = a[31 - k*8 -: 8];
endmodule
