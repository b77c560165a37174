// construct: a UDP with a vector port
// section: IEEE 1364-2005 8.1.2
// expect: error on line 6
primitive vp_p (y, a);
  output y;
  input [1:0] a; // error
  table
    0 : 1;
    1 : 0;
  endtable
endprimitive
module vector_port;
endmodule
