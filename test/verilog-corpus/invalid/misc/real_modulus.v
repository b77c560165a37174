// construct: the modulus operator on a real
// section: IEEE 1364-2005 4.8.1
// expect: error on line 6
module real_modulus;
  real r, s;
  initial s = r % 2.0; // error
endmodule
