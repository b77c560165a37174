// construct: an ANSI output reg with an initial value
// section: IEEE 1364-2005 12.3.4
// expect: valid
module ansi_output_reg_init(input clk, output reg [3:0] q = 4'd5);
  always @(posedge clk) q <= q + 1;
endmodule
