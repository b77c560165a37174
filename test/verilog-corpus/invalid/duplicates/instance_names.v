// construct: two instances with the same name
// section: IEEE 1364-2005 12.1.2
// expect: error on line 8
module in_leaf(input a);
endmodule
module instance_names(input a, b);
  in_leaf u (a);
  in_leaf u (b); // error
endmodule
