// construct: `ifndef
// section: IEEE 1364-2005 19.4
// expect: valid
module ifndef(output y);
`ifndef NOT_DEFINED_ANYWHERE
  assign y = 1'b1;
`endif
endmodule
