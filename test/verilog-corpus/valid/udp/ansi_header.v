// construct: an ANSI-style UDP header
// section: IEEE 1364-2005 8.1.1
// expect: valid
primitive and_udp (output y, input a, b);
  table
    0 ? : 0;
    ? 0 : 0;
    1 1 : 1;
  endtable
endprimitive
module ansi_header(input a, b, output y);
  and_udp g (y, a, b);
endmodule
