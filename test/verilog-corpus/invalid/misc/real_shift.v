// construct: a shift of a real
// section: IEEE 1364-2005 4.8.1
// expect: error on line 6
module real_shift;
  real r, s;
  initial s = r << 1; // error
endmodule
