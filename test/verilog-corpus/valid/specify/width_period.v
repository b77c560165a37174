// construct: $width, $period, $skew and $nochange
// section: IEEE 1364-2005 15.3
// expect: valid
module width_period(input clk, en, d);
  specify
    $width(posedge clk, 5);
    $period(posedge clk, 10);
    $skew(posedge clk, negedge en, 2);
    $nochange(posedge clk, d, 0, 0);
  endspecify
endmodule
