// construct: a non-ANSI port declared scalar and then as a vector net
// section: IEEE 1364-2005 12.3.3
// expect: error on line 6
module scalar_port_vector_net(a, y);
  input a;
  wire [7:0] a; // error: the port declaration has no range
  output y;
  assign y = ^a;
endmodule
