// construct: a block comment never closed
// section: IEEE 1364-2005 3.3
// expect: error on line 7
module unterminated_comment(input a, output y);
  assign y = a;
endmodule
/* this comment never ends // error
