// construct: the modulus operator on reals (an Icarus Verilog extension, the remainder as C's fmod; accepted with a warning)
// section: IEEE 1364-2005 4.1.5
// expect: valid
module real_modulus;
  real r, s;
  initial begin
    r = 7.5;
    s = r % 2.0;
  end
endmodule
