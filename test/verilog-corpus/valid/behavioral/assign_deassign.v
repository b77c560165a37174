// construct: procedural continuous assign and deassign
// section: IEEE 1364-2005 9.3.1
// expect: valid
module assign_deassign(input clk, clr, d, output reg q);
  always @(clr)
    if (clr) assign q = 1'b0;
    else deassign q;
  always @(posedge clk) q <= d;
endmodule
