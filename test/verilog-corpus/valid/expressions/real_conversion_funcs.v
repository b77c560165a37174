// construct: $realtobits and $bitstoreal
// section: IEEE 1364-2005 17.8
// expect: valid
module real_conversion_funcs;
  real r, s;
  reg [63:0] b;
  initial begin
    r = 0.75;
    b = $realtobits(r);
    s = $bitstoreal(b);
    $display("%h %f", b, s);
  end
endmodule
