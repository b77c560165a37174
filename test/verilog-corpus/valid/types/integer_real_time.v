// construct: integer, real, realtime and time variables
// section: IEEE 1364-2005 4.8
// expect: valid
module integer_real_time;
  integer i = -3;
  real r = 2.5;
  realtime rt;
  time t;
  initial begin
    rt = $realtime;
    t = $time;
    r = r * i;
    $display("%0d %f %t %t", i, r, rt, t);
  end
endmodule
