// construct: a vector range bound taken from a reg
// section: IEEE 1364-2005 4.3.1
// expect: error on line 6
module range_from_reg;
  reg [3:0] n;
  reg [n-1:0] r; // error
endmodule
