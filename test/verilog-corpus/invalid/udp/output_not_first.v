// construct: a UDP whose first port is an input
// section: IEEE 1364-2005 8.1.1
// expect: error on line 4
primitive onf_p (a, y); // error
  input a;
  output y;
  table
    0 : 1;
    1 : 0;
  endtable
endprimitive
module output_not_first;
endmodule
