// construct: an integer declared with a range
// section: IEEE 1364-2005 4.8
// expect: error on line 5
module integer_with_range;
  integer [7:0] i; // error
endmodule
