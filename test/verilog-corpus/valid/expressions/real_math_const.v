// construct: real math functions in constant expressions
// section: IEEE 1364-2005 17.11.2
// expect: valid
module real_math_const;
  localparam real ROOT = $sqrt(16.0);
  localparam integer N = $rtoi(ROOT);
  localparam real R = $itor(N) / 3;
  localparam real P = $pow(2.0, 3.0) + $ln(1.0) + $log10(100.0) + $exp(0.0);
  reg [N-1:0] bits;
  initial $display("%f %0d %f %f %b", ROOT, N, R, P, bits);
endmodule
