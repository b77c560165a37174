// construct: always_latch
// section: IEEE 1800-2017 9.2.2.3
// expect: valid
module always_latch_test(input en, input [3:0] d, output reg [3:0] q);
  always_latch if (en) q <= d;
endmodule
