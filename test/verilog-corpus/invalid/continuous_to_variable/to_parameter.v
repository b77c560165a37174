// construct: a continuous assignment to a parameter
// section: IEEE 1364-2005 4.10
// expect: error on line 6
module to_parameter(input a);
  parameter P = 1;
  assign P = a; // error
endmodule
