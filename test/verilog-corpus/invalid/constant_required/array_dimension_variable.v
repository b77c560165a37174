// construct: an array dimension taken from an integer
// section: IEEE 1364-2005 4.9
// expect: error on line 6
module array_dimension_variable;
  integer depth;
  reg [7:0] mem [0:depth]; // error
endmodule
