// construct: a function-like macro used without arguments
// section: IEEE 1364-2005 19.3
// expect: error on line 6
`define ADD(a, b) ((a) + (b))
module macro_missing_args(output [7:0] y);
  assign y = `ADD; // error
endmodule
