// construct: a macro expanding to a whole statement
// section: IEEE 1364-2005 19.3
// expect: valid
`define SHOW(v) $display(`"v = %0d`", v);
module macro_statement;
  integer count = 5;
  initial `SHOW(count)
endmodule
