// construct: an always block inside a generate loop
// section: IEEE 1364-2005 12.4.1
// expect: valid
module for_always(input clk, input [3:0] d, output reg [3:0] q);
  genvar i;
  generate
    for (i = 0; i < 4; i = i + 1) begin : ff
      always @(posedge clk) q[i] <= d[i];
    end
  endgenerate
endmodule
