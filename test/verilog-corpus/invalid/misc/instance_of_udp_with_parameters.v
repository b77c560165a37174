// construct: a UDP instance given parameter overrides by name
// section: IEEE 1364-2005 8.6
// expect: error on line 13
primitive iup_p (y, a);
  output y;
  input a;
  table
    0 : 1;
    1 : 0;
  endtable
endprimitive
module instance_of_udp_with_parameters(input a, output y);
  iup_p #(.W(2)) g (y, a); // error
endmodule
