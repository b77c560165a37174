// construct: macro arguments holding parentheses and braces
// section: IEEE 1364-2005 19.3
// expect: valid
`define PASS(x) x
module define_args_with_commas(input [3:0] a, b, output [7:0] y);
  assign y = `PASS({a, b});
endmodule
