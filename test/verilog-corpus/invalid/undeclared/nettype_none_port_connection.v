// construct: an implicit net in a port connection under `default_nettype none
// section: IEEE 1364-2005 19.2
// expect: error on line 9
`default_nettype none
module nnpc_leaf(input wire a, output wire y);
  assign y = a;
endmodule
module nettype_none_port_connection(input wire a, output wire y);
  nnpc_leaf u1 (.a(a), .y(mid)); // error
  nnpc_leaf u2 (.a(a), .y(y));
endmodule
`default_nettype wire
