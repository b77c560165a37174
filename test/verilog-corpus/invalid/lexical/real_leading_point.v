// construct: a real literal starting with the decimal point
// section: IEEE 1364-2005 3.5.2
// expect: error on line 6
module real_leading_point;
  real r;
  initial r = .5; // error
endmodule
