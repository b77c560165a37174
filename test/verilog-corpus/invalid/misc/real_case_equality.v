// construct: case equality on reals
// section: IEEE 1364-2005 4.8.1
// expect: error on line 7
module real_case_equality;
  real r;
  reg b;
  initial b = r === 1.0; // error
endmodule
