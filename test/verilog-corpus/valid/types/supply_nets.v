// construct: supply0 and supply1 nets
// section: IEEE 1364-2005 4.6.6
// expect: valid
module supply_nets(output y0, y1);
  supply0 gnd;
  supply1 vcc;
  assign y0 = gnd;
  assign y1 = vcc;
endmodule
