// construct: a continuous assignment with no left-hand side
// section: IEEE 1364-2005 6.1.2
// expect: error on line 5
module assign_missing_lhs(input a);
  assign = a; // error
endmodule
