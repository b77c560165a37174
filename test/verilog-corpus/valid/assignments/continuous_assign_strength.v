// construct: continuous assignment with drive strength
// section: IEEE 1364-2005 6.1.4
// expect: valid
module continuous_assign_strength(input a, output y);
  assign (strong1, weak0) y = a;
endmodule
