// construct: a level-sensitive sequential UDP (latch)
// section: IEEE 1364-2005 8.3
// expect: valid
primitive latch_udp (q, clock, data);
  output q;
  reg q;
  input clock, data;
  table
    // clock data : q : q+
       0 1 : ? : 1;
       0 0 : ? : 0;
       1 ? : ? : -;
  endtable
endprimitive
module level_sequential(input c, d, output q);
  latch_udp l (q, c, d);
endmodule
