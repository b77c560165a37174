// construct: conditional compilation around module items
// section: IEEE 1364-2005 19.4
// expect: valid
module directive_mid_module(input clk, input [3:0] d, output reg [3:0] q);
`ifdef ASYNC_RESET
  always @(posedge clk or posedge rst)
`else
  always @(posedge clk)
`endif
    q <= d;
endmodule
