// construct: a variable declared in an unnamed fork-join
// section: IEEE 1364-2005 9.8.2
// expect: error on line 6
module unnamed_fork_declaration;
  initial fork
    integer x; // error
    x = 1;
  join
endmodule
