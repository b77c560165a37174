// construct: gates with one, two and three delays
// section: IEEE 1364-2005 7.14
// expect: valid
module gate_delays(input a, b, en, output y1, y2, y3);
  and #1 g1 (y1, a, b);
  or #(1, 2) g2 (y2, a, b);
  bufif1 #(1, 2, 3) g3 (y3, a, en);
endmodule
