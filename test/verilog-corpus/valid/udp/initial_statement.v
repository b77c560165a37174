// construct: a sequential UDP with an initial statement
// section: IEEE 1364-2005 8.5
// expect: valid
primitive toggle_udp (q, t);
  output q;
  reg q;
  input t;
  initial q = 1'b0;
  table
    (01) : 0 : 1;
    (01) : 1 : 0;
    (0x) : ? : x;
    (1?) : ? : -;
    (x1) : ? : -;
  endtable
endprimitive
module initial_statement(input t, output q);
  toggle_udp u (q, t);
endmodule
