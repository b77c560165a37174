// construct: a real declared with a range
// section: IEEE 1364-2005 4.8
// expect: error on line 5
module real_with_range;
  real [3:0] r; // error
endmodule
