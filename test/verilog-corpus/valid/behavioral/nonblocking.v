// construct: nonblocking assignments swapping two registers
// section: IEEE 1364-2005 9.2.2
// expect: valid
module nonblocking(input clk);
  reg [3:0] a = 1, b = 2;
  always @(posedge clk) begin
    a <= b;
    b <= a;
  end
endmodule
