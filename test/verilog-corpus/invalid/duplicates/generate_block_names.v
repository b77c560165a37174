// construct: two generate blocks with the same name
// section: IEEE 1364-2005 12.4
// expect: error on line 8
module generate_block_names(output y, z);
  if (1) begin : g
    assign y = 1'b0;
  end
  if (1) begin : g // error
    assign z = 1'b1;
  end
endmodule
