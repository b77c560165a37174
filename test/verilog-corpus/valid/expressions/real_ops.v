// construct: operators on reals
// section: IEEE 1364-2005 4.8.1
// expect: valid
module real_ops;
  real a, b;
  reg c;
  initial begin
    a = 1.5; b = -2.25;
    c = a > b && a != b;
    a = a * b + a / b - 1.0;
    $display("%f %b", a, c);
  end
endmodule
