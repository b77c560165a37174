// construct: $printtimescale and $timeformat
// section: IEEE 1364-2005 17.3
// expect: valid
`timescale 1ns/1ps
module timescale_tasks;
  initial begin
    $printtimescale;
    $printtimescale(timescale_tasks);
    $timeformat(-9, 2, " ns", 10);
    #1.25 $display("%t", $realtime);
  end
endmodule
