// construct: UDP instances with delays, with and without names
// section: IEEE 1364-2005 8.6
// expect: valid
primitive inv_udp (y, a);
  output y;
  input a;
  table
    0 : 1;
    1 : 0;
  endtable
endprimitive
module instance_delay(input a, output y, z);
  inv_udp #3 i1 (y, a);
  inv_udp #(1, 2) (z, a);
endmodule
