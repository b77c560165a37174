// construct: and, nand, or, nor, xor, xnor with several inputs
// section: IEEE 1364-2005 7.2
// expect: valid
module and_family(input a, b, c, output y1, y2, y3, y4, y5, y6);
  and g1 (y1, a, b, c);
  nand g2 (y2, a, b);
  or g3 (y3, a, b, c);
  nor g4 (y4, a, b);
  xor g5 (y5, a, b, c);
  xnor g6 (y6, a, b);
endmodule
