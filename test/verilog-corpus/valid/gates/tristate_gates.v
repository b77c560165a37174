// construct: bufif0, bufif1, notif0, notif1
// section: IEEE 1364-2005 7.4
// expect: valid
module tristate_gates(input d, en, output y1, y2, y3, y4);
  bufif0 (y1, d, en);
  bufif1 (y2, d, en);
  notif0 (y3, d, en);
  notif1 (y4, d, en);
endmodule
