// construct: constant division and modulus by zero give x; a real division by zero an infinity
// section: IEEE 1364-2005 5.1.5
// expect: valid
module constant_division_by_zero;
  parameter integer Q = 10 / 0;
  parameter integer M = 7 % 0;
  parameter real R = 1.0 / 0.0;
  initial $display("%0d %0d %f", Q, M, R);
endmodule
