// construct: a .* connection with a port that has no matching name in the instantiating module
// section: IEEE 1800-2017 23.3.2.4
// expect: error on line 10
module dot_star_child(input a, output b);
  assign b = a;
endmodule
module dot_star_unmatched;
  reg a;
  // no b here
  dot_star_child u(.*); // error
endmodule
