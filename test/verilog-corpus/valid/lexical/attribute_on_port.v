// construct: attributes on ports and instances
// section: IEEE 1364-2005 3.8
// expect: valid
module attr_leaf(input a, output y);
  assign y = a;
endmodule
module attribute_on_port((* pull = 1 *) input a, output y);
  (* dont_touch = "true" *) attr_leaf u (.a(a), .y(y));
endmodule
