// construct: an undeclared variable assigned in an always block
// section: IEEE 1364-2005 4.5
// expect: error on line 5
module always_lhs(input a);
  always @(a) r = a; // error
endmodule
