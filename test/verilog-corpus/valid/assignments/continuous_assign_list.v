// construct: several assignments in one assign statement
// section: IEEE 1364-2005 6.1.2
// expect: valid
module continuous_assign_list(input [1:0] a, output x, y, z);
  assign x = a[0], y = a[1], z = ^a;
endmodule
