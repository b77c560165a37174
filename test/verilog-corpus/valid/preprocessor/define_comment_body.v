// construct: a macro body followed by a line comment
// section: IEEE 1364-2005 19.3
// expect: valid
`define LIMIT 10 // the comment is not part of the body
module define_comment_body;
  integer i;
  initial for (i = 0; i < `LIMIT; i = i + 1) $display("%0d", i);
endmodule
