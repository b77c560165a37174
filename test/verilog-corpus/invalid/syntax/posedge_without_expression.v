// construct: posedge with no expression
// section: IEEE 1364-2005 9.7.2
// expect: error on line 6
module posedge_without_expression(input clk);
  reg q;
  always @(posedge) q <= 1'b1; // error
endmodule
