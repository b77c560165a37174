// construct: x, z and ? digits
// section: IEEE 1364-2005 3.5.1
// expect: valid
module numbers_xz(output [7:0] a, b, c, output [3:0] d);
  assign a = 8'bxxxx_0000;
  assign b = 8'hzz;
  assign c = 8'b1???_0000;
  assign d = 'bz;
endmodule
