// construct: a vector range without its colon
// section: IEEE 1364-2005 4.3.1
// expect: error on line 5
module range_missing_colon;
  wire [7 0] w; // error
endmodule
