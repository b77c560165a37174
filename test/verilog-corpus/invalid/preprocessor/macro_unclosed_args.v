// construct: a macro call whose argument list is never closed
// section: IEEE 1364-2005 19.3
// expect: error on line 6
`define ID(x) x
module macro_unclosed_args(output y);
  assign y = `ID(1'b1; // error
endmodule
