// construct: an undeclared identifier on the right of a continuous assignment
// section: IEEE 1364-2005 4.5
// expect: error on line 5
module assign_rhs(input a, output y);
  assign y = a & b; // error
endmodule
