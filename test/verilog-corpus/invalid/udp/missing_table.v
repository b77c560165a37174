// construct: a UDP without a table
// section: IEEE 1364-2005 8.1
// expect: error on line 7
primitive mt_p (y, a);
  output y;
  input a;
endprimitive // error
module missing_table;
endmodule
