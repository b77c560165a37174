// construct: a named connection to a port the module does not have
// section: IEEE 1364-2005 12.3.6
// expect: error on line 8
module unp_leaf(input a, output y);
  assign y = a;
endmodule
module unknown_named_port(input a, output y);
  unp_leaf u (.a(a), .z(y)); // error
endmodule
