// construct: an ANSI output declared again as reg in the module body (IEEE 1364-2005 forbids it; iverilog and Yosys accept it, so it is a warning)
// section: IEEE 1364-2005 12.3.4
// expect: valid
module ansi_port_redeclared_as_reg(input clk, output q);
  reg q;
  always @(posedge clk) q <= ~q;
endmodule
