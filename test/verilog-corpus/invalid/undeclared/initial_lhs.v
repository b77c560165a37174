// construct: an undeclared variable assigned in an initial block
// section: IEEE 1364-2005 4.5
// expect: error on line 5
module initial_lhs;
  initial count = 0; // error
endmodule
