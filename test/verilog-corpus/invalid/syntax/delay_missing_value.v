// construct: a delay control with no value
// section: IEEE 1364-2005 9.7.1
// expect: error on line 6
module delay_missing_value;
  reg a;
  initial # a = 1; // error
endmodule
