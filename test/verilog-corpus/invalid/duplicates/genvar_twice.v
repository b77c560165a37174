// construct: a genvar declared twice
// section: IEEE 1364-2005 12.4.1
// expect: error on line 6
module genvar_twice;
  genvar i;
  genvar i; // error
endmodule
