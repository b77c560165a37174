// construct: an instance array connected to a vector of the wrong width
// section: IEEE 1364-2005 12.1.2
// expect: error on line 8
module iab_leaf(input a, output y);
  assign y = a;
endmodule
module instance_array_bad_width(input [2:0] a, output [3:0] y);
  iab_leaf u [3:0] (.a(a), .y(y)); // error
endmodule
