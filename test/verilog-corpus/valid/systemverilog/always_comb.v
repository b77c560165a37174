// construct: always_comb
// section: IEEE 1800-2017 9.2.2.2
// expect: valid
module always_comb_test(input [3:0] a, b, output reg [3:0] y);
  always_comb y = a & b;
endmodule
