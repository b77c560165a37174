// construct: $setup, $hold and $setuphold timing checks
// section: IEEE 1364-2005 15.2
// expect: valid
module setup_hold(input clk, d, output reg q);
  always @(posedge clk) q <= d;
  specify
    $setup(d, posedge clk, 2);
    $hold(posedge clk, d, 1);
    $setuphold(posedge clk, d, 2, 1);
  endspecify
endmodule
