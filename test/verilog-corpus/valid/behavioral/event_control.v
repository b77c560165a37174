// construct: event controls on edges and values
// section: IEEE 1364-2005 9.7.2
// expect: valid
module event_control(input clk, rst, d);
  reg q;
  always @(posedge clk or negedge rst)
    if (!rst) q <= 0; else q <= d;
  always @(d) $display("d changed");
  always @(negedge clk) $display("falling");
endmodule
