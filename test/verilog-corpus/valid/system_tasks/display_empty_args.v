// construct: empty arguments in $display
// section: IEEE 1364-2005 17.1
// expect: valid
module display_empty_args;
  initial $display("a", , "b");
endmodule
