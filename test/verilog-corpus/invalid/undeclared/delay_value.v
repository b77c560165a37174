// construct: an undeclared identifier as a delay
// section: IEEE 1364-2005 9.7.1
// expect: error on line 6
module delay_value;
  reg a;
  initial #latency a = 1; // error
endmodule
