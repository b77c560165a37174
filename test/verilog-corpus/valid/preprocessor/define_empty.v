// construct: a macro with an empty body
// section: IEEE 1364-2005 19.3
// expect: valid
`define NOTHING
module define_empty(input a, output y);
  assign y = a `NOTHING;
endmodule
