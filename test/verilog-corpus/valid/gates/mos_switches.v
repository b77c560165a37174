// construct: nmos, pmos, rnmos, rpmos
// section: IEEE 1364-2005 7.5
// expect: valid
module mos_switches(input d, g, output y1, y2, y3, y4);
  nmos (y1, d, g);
  pmos (y2, d, g);
  rnmos (y3, d, g);
  rpmos (y4, d, g);
endmodule
