// construct: an empty generate region and an if with an empty branch
// section: IEEE 1364-2005 12.4
// expect: valid
module empty_generate #(parameter P = 0) ();
  generate
  endgenerate
  generate
    if (P) begin end
  endgenerate
endmodule
