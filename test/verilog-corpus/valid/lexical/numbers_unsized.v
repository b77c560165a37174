// construct: unsized and unbased numbers
// section: IEEE 1364-2005 3.5.1
// expect: valid
module numbers_unsized(output [31:0] a, b, c);
  assign a = 'hFF;
  assign b = 255;
  assign c = 'o17;
endmodule
