// construct: a macro defined in a taken branch
// section: IEEE 1364-2005 19.4
// expect: valid
`ifndef CFG
  `define CFG 7
`endif
module define_after_use_in_other_branch(output [2:0] y);
  assign y = `CFG;
endmodule
