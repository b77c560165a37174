// construct: a part select whose bounds run against the declared range
// section: IEEE 1364-2005 5.2.1
// expect: error on line 5
module part_select_reversed(input [7:0] a, output [3:0] y);
  assign y = a[0:3]; // error
endmodule
