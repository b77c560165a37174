// construct: an implicit net on a gate terminal under `default_nettype none
// section: IEEE 1364-2005 19.2
// expect: error on line 6
`default_nettype none
module nettype_none_gate(input wire a, b, output wire y);
  and g (n1, a, b); // error
  assign y = a;
endmodule
`default_nettype wire
