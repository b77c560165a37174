// construct: an undeclared identifier in a vector range
// section: IEEE 1364-2005 4.3.1
// expect: error on line 5
module range_bound(input a);
  wire [WIDTH-1:0] w; // error
endmodule
