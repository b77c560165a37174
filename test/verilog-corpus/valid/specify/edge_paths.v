// construct: edge-sensitive module paths
// section: IEEE 1364-2005 14.2.3
// expect: valid
module edge_paths(input clk, d, output reg q);
  always @(posedge clk) q <= d;
  specify
    (posedge clk => (q +: d)) = (3, 2);
    (negedge clk *> (q -: d)) = 1;
  endspecify
endmodule
