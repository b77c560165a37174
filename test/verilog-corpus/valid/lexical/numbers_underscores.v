// construct: underscores in decimal and based numbers
// section: IEEE 1364-2005 3.5.1
// expect: valid
module numbers_underscores(output [31:0] y, z);
  assign y = 1_000_000;
  assign z = 32'h dead_beef;
endmodule
