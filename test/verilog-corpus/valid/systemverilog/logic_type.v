// construct: the logic type for ports and variables
// section: IEEE 1800-2017 6.8
// expect: valid
module logic_type(input logic clk, input logic [3:0] d, output logic [3:0] q);
  logic [3:0] t;
  always @(posedge clk) begin
    t <= d;
    q <= t;
  end
endmodule
