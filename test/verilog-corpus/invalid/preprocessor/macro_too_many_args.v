// construct: a macro called with more arguments than it takes
// section: IEEE 1364-2005 19.3
// expect: error on line 6
`define ADD(a, b) ((a) + (b))
module macro_too_many_args(output [7:0] y);
  assign y = `ADD(1, 2, 3); // error
endmodule
