// construct: string literals with escape sequences
// section: IEEE 1364-2005 3.6
// expect: valid
module strings;
  initial begin
    $display("tab\there, newline\nquote \" backslash \\ percent %% octal \101");
    $write("no newline");
    $display("");
  end
endmodule
