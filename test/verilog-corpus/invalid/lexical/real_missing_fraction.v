// construct: a real literal with nothing after the decimal point
// section: IEEE 1364-2005 3.5.2
// expect: error on line 6
module real_missing_fraction;
  real r;
  initial r = 1.; // error
endmodule
