// construct: `elsif chain
// section: IEEE 1364-2005 19.4
// expect: valid
`define MODE_B
module elsif(output [1:0] y);
`ifdef MODE_A
  assign y = 2'd0;
`elsif MODE_B
  assign y = 2'd1;
`elsif MODE_C
  assign y = 2'd2;
`else
  assign y = 2'd3;
`endif
endmodule
