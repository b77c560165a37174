// construct: three selects on a one-dimensional memory of vectors
// section: IEEE 1364-2005 5.2.2
// expect: error on line 7
module memory_three_selects;
  reg [15:0] m [3:0];
  reg [3:0] r;
  initial r = m[0][0][3:0]; // error
endmodule
