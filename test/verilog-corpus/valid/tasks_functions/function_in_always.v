// construct: a function called inside a procedural block
// section: IEEE 1364-2005 10.4.3
// expect: valid
module function_in_always(input clk, input [3:0] d, output reg [3:0] q);
  function [3:0] gray;
    input [3:0] b;
    gray = b ^ (b >> 1);
  endfunction
  always @(posedge clk) q <= gray(d);
endmodule
