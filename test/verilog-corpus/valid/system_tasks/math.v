// construct: real math functions at run time
// section: IEEE 1364-2005 17.11.2
// expect: valid
module math;
  real x = 0.5, y;
  initial begin
    y = $ln(x) + $log10(x) + $exp(x) + $sqrt(x) + $pow(x, 2.0);
    y = $floor(x) + $ceil(x) + $sin(x) + $cos(x) + $tan(x);
    y = $asin(x) + $acos(x) + $atan(x) + $atan2(x, 1.0) + $hypot(x, x);
    y = $sinh(x) + $cosh(x) + $tanh(x) + $asinh(x) + $acosh(1.5) + $atanh(x);
    $display("%f", y);
  end
endmodule
