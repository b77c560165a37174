// construct: a non-ANSI port with a direction but no net type under `default_nettype none (all three tools accept it)
// section: IEEE 1364-2005 19.2
// expect: valid
`default_nettype none
module nettype_none_port_declaration(a, y);
  input a;
  output wire y;
  assign y = 1'b0;
endmodule
`default_nettype wire
