// construct: token pasting with `` (a SystemVerilog preprocessor feature)
// section: IEEE 1364-2005 19.3
// expect: valid
`define REG(name) reg [3:0] name``_q;
module macro_token_paste;
  `REG(data)
  initial data_q = 4'd1;
endmodule
