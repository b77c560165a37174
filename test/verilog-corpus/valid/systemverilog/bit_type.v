// construct: the bit type
// section: IEEE 1800-2017 6.11
// expect: valid
module bit_type(input clk, input [7:0] d, output [7:0] y);
  bit [7:0] r;
  always @(posedge clk) r <= d;
  assign y = r;
endmodule
