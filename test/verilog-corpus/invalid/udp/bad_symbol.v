// construct: a UDP table with an unknown symbol
// section: IEEE 1364-2005 8.1.6
// expect: error on line 9
primitive bs_p (y, a);
  output y;
  input a;
  table
    0 : 1;
    2 : 0; // error
  endtable
endprimitive
module bad_symbol;
endmodule
