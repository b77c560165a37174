// construct: `timescale with every unit
// section: IEEE 1364-2005 19.8
// expect: valid
`timescale 100us / 10fs
module timescale_units;
  initial begin
    #1.5 $display("%t", $realtime);
    $printtimescale;
  end
endmodule
