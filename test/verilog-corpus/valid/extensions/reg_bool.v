// construct: reg bool, iverilog's two-state reg (an extension; accepted with a warning)
// section: IEEE 1364-2005 4.2.1
// expect: valid
module reg_bool;
  reg bool [7:0] count;
  initial count = 8'd3;
endmodule
