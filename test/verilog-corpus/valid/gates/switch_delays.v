// construct: switches with delays
// section: IEEE 1364-2005 7.14
// expect: valid
module switch_delays(input d, g, inout x, y);
  nmos #(1, 2) (x, d, g);
  tranif1 #3 (x, y, g);
endmodule
