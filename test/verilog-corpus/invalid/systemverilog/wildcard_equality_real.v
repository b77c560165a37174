// construct: wildcard equality with a real operand
// section: IEEE 1800-2017 11.4.6
// expect: error on line 5
module wildcard_equality_real;
  parameter P = 2'b01 ==? 0.5; // error
endmodule
