// construct: a continuous assignment to a bit of a reg
// section: IEEE 1364-2005 6.1.2
// expect: error on line 6
module reg_bit(input a);
  reg [3:0] r;
  assign r[0] = a; // error
endmodule
