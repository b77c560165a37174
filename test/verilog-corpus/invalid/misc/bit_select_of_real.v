// construct: a bit select of a real
// section: IEEE 1364-2005 4.8.1
// expect: error on line 7
module bit_select_of_real;
  real r;
  reg b;
  initial b = r[0]; // error
endmodule
