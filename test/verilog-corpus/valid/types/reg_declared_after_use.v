// construct: a reg toggled and read in a clocked block
// section: IEEE 1364-2005 4.2.2
// expect: valid
module reg_declared_after_use(input clk, output reg q);
  reg d;
  always @(posedge clk) begin
    d <= ~d;
    q <= d;
  end
endmodule
