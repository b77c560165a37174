// construct: implicit conversion between real and integer
// section: IEEE 1364-2005 4.8.2
// expect: valid
module real_conversion;
  real r;
  integer i;
  reg [7:0] v;
  initial begin
    r = 3.7;
    i = r;
    v = r * 2;
    r = v;
    $display("%0d %0d %f", i, v, r);
  end
endmodule
