// construct: `default_nettype with another net type
// section: IEEE 1364-2005 19.2
// expect: valid
`default_nettype tri
module default_nettype_tri(input a, output y);
  buf (y, a);
endmodule
`default_nettype wire
