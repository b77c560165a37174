// construct: a procedural assignment to an output that is a net
// section: IEEE 1364-2005 9.2
// expect: error on line 5
module output_port_net(input clk, d, output q);
  always @(posedge clk) q <= d; // error
endmodule
