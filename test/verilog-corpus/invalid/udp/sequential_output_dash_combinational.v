// construct: the no-change symbol in a combinational UDP
// section: IEEE 1364-2005 8.2
// expect: error on line 9
primitive sodc_p (y, a);
  output y;
  input a;
  table
    0 : 1;
    1 : -; // error
  endtable
endprimitive
module sequential_output_dash_combinational;
endmodule
