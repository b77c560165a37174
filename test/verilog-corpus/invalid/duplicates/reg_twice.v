// construct: a reg declared twice
// section: IEEE 1364-2005 4.11
// expect: error on line 6
module reg_twice;
  reg [3:0] r;
  reg [3:0] r; // error
endmodule
