// construct: a combinational UDP
// section: IEEE 1364-2005 8.2
// expect: valid
primitive mux2 (y, s, a, b);
  output y;
  input s, a, b;
  table
    // s a b : y
       0 0 ? : 0;
       0 1 ? : 1;
       1 ? 0 : 0;
       1 ? 1 : 1;
       x 0 0 : 0;
       x 1 1 : 1;
  endtable
endprimitive
module combinational(input s, a, b, output y);
  mux2 m (y, s, a, b);
endmodule
