// construct: a constant power with a huge exponent (the result is taken modulo 2^width)
// section: IEEE 1364-2005 5.1.5
// expect: valid
module power_huge_exponent;
  localparam [5:0] A = 3;
  localparam [5:0] P = A ** 123456789;
  reg [P:0] r;
endmodule
