// construct: stringifying with `" in a macro body
// section: IEEE 1800-2017 22.5.1
// expect: valid
`define STR(x) `"x`"
module line_comment_directive_args;
  initial $display(`STR(hello));
endmodule
