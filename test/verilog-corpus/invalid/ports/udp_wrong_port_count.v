// construct: a UDP instance with the wrong number of ports
// section: IEEE 1364-2005 8.6
// expect: error on line 14
primitive uwp_and (y, a, b);
  output y;
  input a, b;
  table
    0 ? : 0;
    ? 0 : 0;
    1 1 : 1;
  endtable
endprimitive
module udp_wrong_port_count(input a, b, c, output y);
  uwp_and g (y, a, b, c); // error
endmodule
