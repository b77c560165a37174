input wire clk,
input wire [7:0] d,
