// construct: a module name called like a function
// section: IEEE 1364-2005 10.4.3
// expect: error on line 8
module muf_leaf(input a, output y);
  assign y = a;
endmodule
module module_used_as_function(input a, output y);
  assign y = muf_leaf(a); // error
endmodule
