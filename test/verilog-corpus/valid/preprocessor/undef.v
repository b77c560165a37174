// construct: `undef removes a macro
// section: IEEE 1364-2005 19.3
// expect: valid
`define TEMP 1
`undef TEMP
module undef;
`ifdef TEMP
  initial $display("still defined");
`else
  initial $display("undefined");
`endif
endmodule
