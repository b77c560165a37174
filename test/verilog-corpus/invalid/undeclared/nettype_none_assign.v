// construct: an implicit net on an assign's left side under `default_nettype none
// section: IEEE 1364-2005 19.2
// expect: error on line 6
`default_nettype none
module nettype_none_assign(input wire a, output wire y);
  assign t = ~a; // error
  assign y = a;
endmodule
`default_nettype wire
