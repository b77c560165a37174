// construct: redefining a macro takes the new body
// section: IEEE 1364-2005 19.3
// expect: valid
`define N 2
`define N 3
module define_redefine(output [`N-1:0] y);
  assign y = 3'b101;
endmodule
