// construct: `default_nettype none with logic declarations
// section: IEEE 1800-2017 6.8
// expect: valid
`default_nettype none
module default_nettype_none_logic(input logic a, output logic y);
  logic t;
  assign t = a;
  assign y = t;
endmodule
`default_nettype wire
