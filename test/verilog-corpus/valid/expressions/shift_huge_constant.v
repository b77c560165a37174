// construct: a shift by a huge constant amount (the result is 0)
// section: IEEE 1364-2005 5.1.10
// expect: valid
module shift_huge_constant(input [7:0] a, output [7:0] y, z);
  assign y = a << 40;
  assign z = a >> 64'hFFFF_FFFF_FFFF;
endmodule
