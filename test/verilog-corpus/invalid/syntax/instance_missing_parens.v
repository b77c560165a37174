// construct: a module instance without its connection list
// section: IEEE 1364-2005 12.1.2
// expect: error on line 7
module imp_leaf(input a);
endmodule
module instance_missing_parens(input a);
  imp_leaf u; // error
endmodule
