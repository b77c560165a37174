// construct: always_ff
// section: IEEE 1800-2017 9.2.2.4
// expect: valid
module always_ff_test(input clk, rst, input [3:0] d, output reg [3:0] q);
  always_ff @(posedge clk or posedge rst)
    if (rst) q <= 4'd0;
    else q <= d;
endmodule
