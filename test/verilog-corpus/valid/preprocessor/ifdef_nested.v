// construct: nested conditional compilation
// section: IEEE 1364-2005 19.4
// expect: valid
`define OUTER
module ifdef_nested(output [1:0] y);
`ifdef OUTER
  `ifdef INNER
  assign y = 2'd3;
  `else
  assign y = 2'd2;
  `endif
`else
  assign y = 2'd0;
`endif
endmodule
