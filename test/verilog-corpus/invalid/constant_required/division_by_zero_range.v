// construct: a range bound that divides by zero
// section: IEEE 1364-2005 5.1.3
// expect: error on line 5
module division_by_zero_range;
  wire [8/0:0] w; // error
endmodule
