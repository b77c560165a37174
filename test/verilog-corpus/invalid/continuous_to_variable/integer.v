// construct: a continuous assignment to an integer
// section: IEEE 1364-2005 6.1.2
// expect: error on line 6
module continuous_integer(input [31:0] a);
  integer i;
  assign i = a; // error
endmodule
