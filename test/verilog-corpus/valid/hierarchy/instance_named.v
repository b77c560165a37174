// construct: module instance connected by name, in any order
// section: IEEE 1364-2005 12.3.6
// expect: valid
module named_leaf(input a, b, output y);
  assign y = a | b;
endmodule
module instance_named(input a, b, output y);
  named_leaf u (.y(y), .b(b), .a(a));
endmodule
