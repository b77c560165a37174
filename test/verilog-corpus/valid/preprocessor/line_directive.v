// construct: `line
// section: IEEE 1364-2005 19.7
// expect: valid
module line_directive;
`line 100 "renamed.v" 0
  initial $display("line directive");
endmodule
