// construct: implicit nets created by gate terminals
// section: IEEE 1364-2005 4.5
// expect: valid
module implicit_net_gate(input a, b, c, output y);
  and g1 (n1, a, b);
  or g2 (y, n1, c);
endmodule
