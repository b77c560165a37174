// construct: real values passed through ports with $realtobits and $bitstoreal
// section: IEEE 1364-2005 12.3.7
// expect: valid
module rtb_leaf(input [63:0] bits_in);
  real r;
  always @(bits_in) r = $bitstoreal(bits_in);
endmodule
module real_through_bits;
  real x = 2.5;
  wire [63:0] b = $realtobits(x);
  rtb_leaf u (b);
endmodule
