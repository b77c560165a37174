// construct: a function-like macro with no arguments
// section: IEEE 1364-2005 19.3
// expect: valid
`define ZERO() 1'b0
module macro_zero_args(output y);
  assign y = `ZERO();
endmodule
