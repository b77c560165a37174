// construct: always followed by endmodule
// section: IEEE 1364-2005 9.9.2
// expect: error on line 6
module always_without_statement(input clk);
  always @(posedge clk)
endmodule // error
