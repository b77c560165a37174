// construct: nonblocking assignments inside a loop (shift register)
// section: IEEE 1364-2005 9.2.2
// expect: valid
module nonblocking_in_loop(input clk, input d, output q);
  reg [7:0] sr;
  integer i;
  always @(posedge clk) begin
    sr[0] <= d;
    for (i = 1; i < 8; i = i + 1) sr[i] <= sr[i-1];
  end
  assign q = sr[7];
endmodule
