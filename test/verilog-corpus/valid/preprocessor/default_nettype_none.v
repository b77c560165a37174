// construct: `default_nettype none with every net declared
// section: IEEE 1364-2005 19.2
// expect: valid
`default_nettype none
module default_nettype_none(input wire a, b, output wire y);
  wire t;
  assign t = a & b;
  assign y = ~t;
endmodule
`default_nettype wire
