// construct: named and positional connections mixed in one instance
// section: IEEE 1364-2005 12.3.6
// expect: error on line 8
module mnp_leaf(input a, output y);
  assign y = a;
endmodule
module mixed_named_positional(input a, output y);
  mnp_leaf u (a, .y(y)); // error
endmodule
