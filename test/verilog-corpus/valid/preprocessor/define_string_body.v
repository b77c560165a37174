// construct: a macro whose body is a string literal
// section: IEEE 1364-2005 19.3
// expect: valid
`define GREETING "hello, world"
module define_string_body;
  initial $display(`GREETING);
endmodule
