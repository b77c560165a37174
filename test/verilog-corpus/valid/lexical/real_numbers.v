// construct: real literals in decimal and scientific notation
// section: IEEE 1364-2005 3.5.2
// expect: valid
module real_numbers;
  real a, b, c, d;
  initial begin
    a = 1.5;
    b = 2.0e3;
    c = 1.25E-3;
    d = 1_000.000_1;
    $display("%f %f %f %f", a, b, c, d);
  end
endmodule
