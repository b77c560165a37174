// construct: initial and always constructs together
// section: IEEE 1364-2005 9.9
// expect: valid
module initial_always;
  reg clk;
  initial clk = 1'b0;
  always #5 clk = ~clk;
  initial #50 $finish;
endmodule
