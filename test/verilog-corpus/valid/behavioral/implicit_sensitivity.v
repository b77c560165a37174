// construct: @* and @(*)
// section: IEEE 1364-2005 9.7.5
// expect: valid
module implicit_sensitivity(input a, b, output reg y, z);
  always @* y = a & b;
  always @(*) z = a | b;
  always @ * begin end
endmodule
