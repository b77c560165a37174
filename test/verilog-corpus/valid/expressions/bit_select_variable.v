// construct: a bit select with a variable index
// section: IEEE 1364-2005 5.2.1
// expect: valid
module bit_select_variable(input [7:0] a, input [2:0] i, output y);
  assign y = a[i];
endmodule
