// construct: parameters with a range, signed, integer, real, time
// section: IEEE 1364-2005 4.10.1
// expect: valid
module parameter_typed;
  parameter [7:0] P8 = 8'hF0;
  parameter signed [3:0] PS = -2;
  parameter integer PI = 42;
  parameter real PR = 1.5;
  parameter time PT = 10;
  parameter realtime PRT = 2.5;
  initial $display("%h %d %d %f %0d %f", P8, PS, PI, PR, PT, PRT);
endmodule
