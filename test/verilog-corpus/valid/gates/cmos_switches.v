// construct: cmos and rcmos
// section: IEEE 1364-2005 7.7
// expect: valid
module cmos_switches(input d, n, p, output y1, y2);
  cmos (y1, d, n, p);
  rcmos (y2, d, n, p);
endmodule
