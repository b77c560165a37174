// construct: a reduction operator on a real
// section: IEEE 1364-2005 4.8.1
// expect: error on line 7
module real_reduction;
  real r;
  reg b;
  initial b = &r; // error
endmodule
