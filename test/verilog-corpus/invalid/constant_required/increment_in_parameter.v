// construct: ++ in a parameter value (not a constant expression)
// section: IEEE 1364-2005 5.2
// expect: error on line 6
module increment_in_parameter;
  integer i;
  parameter P = i++; // error
endmodule
