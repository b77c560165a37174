// construct: variable declaration assignments of several types
// section: IEEE 1364-2005 6.2.1
// expect: valid
module time_array_init;
  integer i = 3, j = 4;
  real r = 1.0e-2;
  time t = 100;
  reg [3:0] n = 4'hA;
  initial $display("%0d %0d %f %0d %h", i, j, r, t, n);
endmodule
