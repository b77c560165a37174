// construct: text in an inactive branch is not parsed
// section: IEEE 1364-2005 19.4
// expect: valid
module ifdef_skips_garbage(output y);
`ifdef NEVER_DEFINED
  this is not verilog at all ;;; (((
`endif
  assign y = 1'b0;
endmodule
