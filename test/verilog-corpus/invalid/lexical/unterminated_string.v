// construct: a string literal not closed on its line
// section: IEEE 1364-2005 3.6
// expect: error on line 5
module unterminated_string;
  initial $display("no end); // error
endmodule
