// construct: a parameter declared twice
// section: IEEE 1364-2005 4.11
// expect: error on line 6
module parameter_twice;
  parameter P = 1;
  parameter P = 2; // error
endmodule
