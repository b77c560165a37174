// construct: module instance connected by position
// section: IEEE 1364-2005 12.3.5
// expect: valid
module pos_leaf(input a, b, output y);
  assign y = a & b;
endmodule
module instance_positional(input a, b, output y);
  pos_leaf u (a, b, y);
endmodule
