// construct: a for loop over an undeclared variable
// section: IEEE 1364-2005 9.6
// expect: error on line 5
module for_loop_variable;
  initial for (n = 0; n < 4; n = n + 1) $display(n); // error
endmodule
