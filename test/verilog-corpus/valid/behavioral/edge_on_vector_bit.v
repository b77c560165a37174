// construct: an edge on a bit of a vector
// section: IEEE 1364-2005 9.7.2
// expect: valid
module edge_on_vector_bit(input [1:0] clks, input d);
  reg q;
  always @(posedge clks[1]) q <= d;
endmodule
