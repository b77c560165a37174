// construct: a non-ANSI output port completed by a reg declaration
// section: IEEE 1364-2005 12.3.3
// expect: valid
module port_then_reg(clk, d, q);
  input clk, d;
  output q;
  reg q;
  always @(posedge clk) q <= d;
endmodule
