// construct: a parameter declaration without a value
// section: IEEE 1364-2005 4.10.1
// expect: error on line 5
module parameter_missing_value;
  parameter P; // error
endmodule
