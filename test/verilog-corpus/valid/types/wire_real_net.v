// construct: a real-valued net (wire real) with a net declaration assignment
// section: IEEE 1800-2017 6.7.1
// expect: valid
module wire_real_net;
  parameter real PI = 3.14;
  wire real tau = 2.0 * PI;
  wire real half;
  assign half = tau / 2.0;
  initial #1 $display("%f %f", tau, half);
endmodule
