// construct: the power operator with signed and real operands
// section: IEEE 1364-2005 5.1.3
// expect: valid
module power_signed;
  integer i;
  real r;
  initial begin
    i = (-2) ** 3;
    r = 2.0 ** 0.5;
    $display("%0d %f", i, r);
  end
endmodule
