// construct: an edge-sensitive sequential UDP (flip-flop)
// section: IEEE 1364-2005 8.4
// expect: valid
primitive dff_udp (q, clock, data);
  output q;
  reg q;
  input clock, data;
  table
    // clock data : q : q+
       (01) 0 : ? : 0;
       (01) 1 : ? : 1;
       (0?) 1 : 1 : 1;
       (0?) 0 : 0 : 0;
       (?0) ? : ? : -;
       ? (??) : ? : -;
  endtable
endprimitive
module edge_sequential(input c, d, output q);
  dff_udp f (q, c, d);
endmodule
