// construct: two edges in one row of a sequential UDP table
// section: IEEE 1364-2005 8.4
// expect: error on line 9
primitive ter_p (q, c, d);
  output q;
  reg q;
  input c, d;
  table
    (01) (01) : ? : 1; // error
    (01) 0 : ? : 0;
  endtable
endprimitive
module two_edges_in_row;
endmodule
