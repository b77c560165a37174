// construct: an undeclared identifier read in an always block
// section: IEEE 1364-2005 4.5
// expect: error on line 5
module always_rhs(input clk, output reg q);
  always @(posedge clk) q <= d; // error
endmodule
