// construct: a macro defined only in an inactive branch, then used
// section: IEEE 1364-2005 19.3
// expect: error on line 8
`ifdef NEVER
`define ONLY_IF_NEVER 1
`endif
module directive_error_in_inactive_branch_then_real(output y);
  assign y = `ONLY_IF_NEVER; // error
endmodule
