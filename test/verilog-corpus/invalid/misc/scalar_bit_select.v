// construct: a bit select of a scalar variable
// section: IEEE 1364-2005 5.2.1
// expect: error on line 7
module scalar_bit_select;
  reg s;
  wire w;
  assign w = s[0]; // error
endmodule
