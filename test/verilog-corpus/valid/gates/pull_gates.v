// construct: pullup and pulldown with strengths
// section: IEEE 1364-2005 7.8
// expect: valid
module pull_gates(output a, b, c);
  pullup (a);
  pulldown (b);
  pullup (strong1) p3 (c);
endmodule
