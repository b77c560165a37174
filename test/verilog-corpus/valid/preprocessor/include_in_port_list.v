// construct: `include inside a port list
// section: IEEE 1364-2005 19.5
// expect: valid
module include_in_port_list(
`include "ports.vh"
  output reg [7:0] q);
  always @(posedge clk) q <= d;
endmodule
