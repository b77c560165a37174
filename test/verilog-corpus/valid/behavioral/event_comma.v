// construct: event lists separated by commas
// section: IEEE 1364-2005 9.7.4
// expect: valid
module event_comma(input clk, rst, d);
  reg q;
  always @(posedge clk, posedge rst)
    if (rst) q <= 0; else q <= d;
endmodule
