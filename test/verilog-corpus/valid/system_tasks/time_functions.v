// construct: $time, $stime and $realtime
// section: IEEE 1364-2005 17.7
// expect: valid
`timescale 1ns/100ps
module time_functions;
  time t;
  integer s;
  realtime r;
  initial begin
    #2.5;
    t = $time;
    s = $stime;
    r = $realtime;
    $display("%0t %0d %f", t, s, r);
  end
endmodule
