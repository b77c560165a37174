// construct: an instance array range from a wire
// section: IEEE 1364-2005 12.1.2
// expect: error on line 7
module iaur_leaf(input a);
endmodule
module instance_array_undefined_range(input [3:0] n, input [3:0] a);
  iaur_leaf u [n:0] (a); // error
endmodule
