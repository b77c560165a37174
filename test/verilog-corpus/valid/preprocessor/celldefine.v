// construct: `celldefine / `endcelldefine
// section: IEEE 1364-2005 19.1
// expect: valid
`celldefine
module celldefine(input a, output y);
  not (y, a);
endmodule
`endcelldefine
