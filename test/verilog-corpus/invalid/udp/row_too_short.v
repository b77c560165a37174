// construct: a UDP table row with too few inputs
// section: IEEE 1364-2005 8.1.4
// expect: error on line 9
primitive rts_p (y, a, b);
  output y;
  input a, b;
  table
    0 0 : 0;
    1 : 1; // error
  endtable
endprimitive
module row_too_short;
endmodule
