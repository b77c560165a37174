// construct: signed nets and regs
// section: IEEE 1364-2005 4.3.1
// expect: valid
module signed_nets(input signed [7:0] a, output reg signed [8:0] y);
  wire signed [7:0] b = a >>> 1;
  always @* y = a + b;
endmodule
