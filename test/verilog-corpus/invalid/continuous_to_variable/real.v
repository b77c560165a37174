// construct: a continuous assignment to a real
// section: IEEE 1364-2005 6.1.2
// expect: error on line 6
module continuous_real;
  real r;
  assign r = 1.5; // error
endmodule
