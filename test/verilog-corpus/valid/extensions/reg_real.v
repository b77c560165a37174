// construct: reg real, a real variable written as iverilog allows (an extension; accepted with a warning)
// section: IEEE 1364-2005 4.8
// expect: valid
module reg_real;
  reg real r;
  initial r = 1.5;
endmodule
