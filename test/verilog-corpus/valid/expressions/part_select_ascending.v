// construct: part select of an ascending vector
// section: IEEE 1364-2005 5.2.1
// expect: valid
module part_select_ascending(input [0:15] a, output [0:3] y);
  assign y = a[4:7];
endmodule
