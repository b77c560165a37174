// construct: gates with drive strengths
// section: IEEE 1364-2005 7.1.2
// expect: valid
module gate_strength(input a, b, output y, z);
  and (strong0, weak1) g1 (y, a, b);
  buf (pull0, pull1) g2 (z, a);
endmodule
