// construct: non-ANSI output declared reg with a range
// section: IEEE 1364-2005 12.3.3
// expect: valid
module nonansi_port_reg_output(clk, q);
  input clk;
  output [3:0] q;
  reg [3:0] q;
  always @(posedge clk) q <= q + 1;
endmodule
