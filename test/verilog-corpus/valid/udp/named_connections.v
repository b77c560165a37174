// construct: a UDP instance connected by port name (iverilog takes it)
// section: IEEE 1364-2005 8.6
// expect: valid
primitive latch_udp (q, en, d);
  output q;
  reg q;
  input en, d;
  table
    1 0 : ? : 0;
    1 1 : ? : 1;
    0 ? : ? : -;
  endtable
endprimitive
module named_connections;
  reg en, d;
  wire q;
  latch_udp u1 (.d(d), .q(q), .en(en));
endmodule
