// construct: referring to a net inside a generate iteration by its hierarchical name
// section: IEEE 1364-2005 12.4.1
// expect: valid
module generate_reference_into_block(input [1:0] a, output y);
  genvar i;
  for (i = 0; i < 2; i = i + 1) begin : g
    wire w = a[i];
  end
  assign y = g[0].w & g[1].w;
endmodule
