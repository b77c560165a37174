// construct: `ifdef / `else / `endif
// section: IEEE 1364-2005 19.4
// expect: valid
`define USE_FAST
module ifdef_else(input [3:0] a, output [3:0] y);
`ifdef USE_FAST
  assign y = a << 1;
`else
  assign y = a * 2;
`endif
endmodule
