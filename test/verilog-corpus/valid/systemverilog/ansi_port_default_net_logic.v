// construct: ANSI ports of type logic mixed with wire and reg
// section: IEEE 1800-2017 23.2.2.3
// expect: valid
module ansi_port_default_net_logic(input wire clk, input logic d, output reg q, output logic nq);
  always @(posedge clk) q <= d;
  assign nq = ~q;
endmodule
