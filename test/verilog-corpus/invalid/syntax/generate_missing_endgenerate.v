// construct: a generate region without endgenerate
// section: IEEE 1364-2005 12.4
// expect: error on line 7
module generate_missing_endgenerate(output y);
  generate
    assign y = 1'b0;
endmodule // error
