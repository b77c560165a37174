// construct: reading a signal inside a child instance
// section: IEEE 1364-2005 12.5
// expect: valid
module hrd_leaf(input a);
  wire inner = ~a;
endmodule
module hierarchical_reference_down(input a, output y);
  hrd_leaf u (a);
  assign y = u.inner;
endmodule
