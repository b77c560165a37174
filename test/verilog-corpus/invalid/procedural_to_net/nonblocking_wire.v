// construct: a nonblocking assignment to a wire
// section: IEEE 1364-2005 9.2.2
// expect: error on line 6
module nonblocking_wire(input clk, d);
  wire q;
  always @(posedge clk) q <= d; // error
endmodule
