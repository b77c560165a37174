// construct: the b and x symbols in a table
// section: IEEE 1364-2005 8.1.6
// expect: valid
primitive xor_udp (y, a, b);
  output y;
  input a, b;
  table
    0 0 : 0;
    0 1 : 1;
    1 0 : 1;
    1 1 : 0;
    x b : x;
    b x : x;
    x x : x;
  endtable
endprimitive
module bx_symbols(input a, b, output y);
  xor_udp g (y, a, b);
endmodule
