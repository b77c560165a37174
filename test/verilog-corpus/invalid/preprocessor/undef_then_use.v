// construct: a macro used after `undef
// section: IEEE 1364-2005 19.3
// expect: error on line 7
`define W 4
`undef W
module undef_then_use(output [3:0] y);
  assign y = `W; // error
endmodule
