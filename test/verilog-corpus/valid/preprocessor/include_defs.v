// construct: `include of a file with macros
// section: IEEE 1364-2005 19.5
// expect: valid
`include "corpus_defs.vh"
module include_defs(input [`CORPUS_WIDTH-1:0] a, b, output [`CORPUS_WIDTH-1:0] y);
  assign y = `CORPUS_ADD(a, b);
endmodule
