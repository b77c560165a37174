// construct: more positional connections than the module has ports
// section: IEEE 1364-2005 12.3.5
// expect: error on line 8
module tmp_leaf(input a, output y);
  assign y = a;
endmodule
module too_many_positional(input a, b, output y);
  tmp_leaf u (a, b, y); // error
endmodule
