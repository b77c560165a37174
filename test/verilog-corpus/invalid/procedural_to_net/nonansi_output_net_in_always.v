// construct: a non-ANSI output assigned in an always block without a reg declaration
// section: IEEE 1364-2005 9.2
// expect: error on line 7
module nonansi_output_net_in_always(clk, q);
  input clk;
  output q;
  always @(posedge clk) q <= ~q; // error
endmodule
