// construct: edge-control specifiers in a timing check
// section: IEEE 1364-2005 15.4
// expect: valid
module edge_control(input clk, d);
  specify
    $width(edge [01, x1] clk, 3);
  endspecify
endmodule
