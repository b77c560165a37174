// construct: a UDP mixing level and edge entries (clear and clock)
// section: IEEE 1364-2005 8.7
// expect: valid
primitive dff_clr (q, clk, clr, d);
  output q;
  reg q;
  input clk, clr, d;
  table
    ? 1 ? : ? : 0;
    ? * ? : 0 : 0;
    r 0 0 : ? : 0;
    r 0 1 : ? : 1;
    f 0 ? : ? : -;
    ? 0 * : ? : -;
  endtable
endprimitive
module mixed_level_edge(input c, r, d, output q);
  dff_clr f (q, c, r, d);
endmodule
