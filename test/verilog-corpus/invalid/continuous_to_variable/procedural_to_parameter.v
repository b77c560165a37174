// construct: a procedural assignment to a parameter
// section: IEEE 1364-2005 4.10
// expect: error on line 6
module procedural_to_parameter;
  localparam L = 1;
  initial L = 2; // error
endmodule
