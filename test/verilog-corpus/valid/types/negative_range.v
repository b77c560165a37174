// construct: ranges with negative bounds
// section: IEEE 1364-2005 4.3.1
// expect: valid
module negative_range(output [3:-4] fixed);
  wire [-1:-8] w = 8'hA5;
  assign fixed = w;
endmodule
