// construct: a number where a statement is expected (after a delay)
// section: IEEE 1364-2005 9.1
// expect: error on line 5
module number_as_statement;
  initial #1 'h0001; // error
endmodule
