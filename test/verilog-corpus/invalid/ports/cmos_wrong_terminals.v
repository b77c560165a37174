// construct: a cmos switch with three terminals
// section: IEEE 1364-2005 7.7
// expect: error on line 5
module cmos_wrong_terminals(input d, n, output y);
  cmos c (y, d, n); // error
endmodule
