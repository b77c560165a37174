// construct: a continuous assignment to a reg
// section: IEEE 1364-2005 6.1.2
// expect: error on line 6
module continuous_reg(input a);
  reg r;
  assign r = a; // error
endmodule
