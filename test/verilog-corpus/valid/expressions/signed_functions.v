// construct: $signed and $unsigned
// section: IEEE 1364-2005 5.5
// expect: valid
module signed_functions(input [7:0] a, output signed [8:0] y, output [8:0] z);
  assign y = $signed(a) + 9'sd1;
  assign z = $unsigned(-8'sd1);
endmodule
