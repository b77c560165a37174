// construct: `pragma
// section: IEEE 1364-2005 19.10
// expect: valid
`pragma protect
module pragma(output y);
  assign y = 1'b1;
endmodule
