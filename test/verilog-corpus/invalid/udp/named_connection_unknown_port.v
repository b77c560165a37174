// construct: a UDP instance connected by a port name the UDP does not have
// section: IEEE 1364-2005 8.6
// expect: error on line 16
primitive and_udp (y, a, b);
  output y;
  input a, b;
  table
    0 ? : 0;
    ? 0 : 0;
    1 1 : 1;
  endtable
endprimitive
module named_connection_unknown_port;
  reg a, b;
  wire y;
  and_udp u1 (.y(y), .a(a), .c(b)); // error
endmodule
