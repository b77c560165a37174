// construct: a range bound with x bits
// section: IEEE 1364-2005 4.3.1
// expect: error on line 5
module x_in_range;
  wire [4'bx:0] w; // error
endmodule
