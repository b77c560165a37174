// construct: a macro giving the size of a based number
// section: IEEE 1364-2005 19.3
// expect: valid
`define W 6
module macro_as_size(output [5:0] y);
  assign y = `W'h2a;
endmodule
