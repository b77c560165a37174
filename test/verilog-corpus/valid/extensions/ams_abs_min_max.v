// construct: Verilog-AMS's $abs, $min and $max, in constant expressions too (an extension iverilog takes; accepted with a warning)
// section: IEEE 1364-2005 17.11
// expect: valid
module ams_abs_min_max;
  localparam integer A = $abs(-5);
  localparam integer M = $max(A, 3) + $min(2, 9);
  reg [M-1:0] r;
  initial r = $abs(-3);
endmodule
