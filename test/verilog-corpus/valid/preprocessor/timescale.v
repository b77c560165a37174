// construct: `timescale
// section: IEEE 1364-2005 19.8
// expect: valid
`timescale 1ns / 1ps
module timescale;
  reg clk = 0;
  always #5 clk = ~clk;
  initial #100 $finish;
endmodule
