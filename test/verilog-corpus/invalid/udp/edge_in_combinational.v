// construct: an edge in a combinational UDP table
// section: IEEE 1364-2005 8.2
// expect: error on line 8
primitive eic_p (y, a, b);
  output y;
  input a, b;
  table
    (01) 0 : 1; // error
    0 0 : 0;
  endtable
endprimitive
module edge_in_combinational;
endmodule
