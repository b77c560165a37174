// construct: a UDP input declared twice
// section: IEEE 1364-2005 8.1.2
// expect: error on line 7
primitive udp_port_twice_p (y, a, b);
  output y;
  input a, b;
  input a; // error
  table
    0 0 : 0;
    0 1 : 1;
    1 0 : 1;
    1 1 : 1;
  endtable
endprimitive
module udp_port_twice;
endmodule
