// construct: edge shorthands r, f, p, n, *
// section: IEEE 1364-2005 8.1.6
// expect: valid
primitive dff_short (q, clk, d);
  output q;
  reg q;
  input clk, d;
  table
    r 0 : ? : 0;
    r 1 : ? : 1;
    f ? : ? : -;
    p 1 : 1 : 1;
    n ? : ? : -;
    ? * : ? : -;
  endtable
endprimitive
module edge_shorthands(input c, d, output q);
  dff_short f (q, c, d);
endmodule
