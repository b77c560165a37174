// construct: the same port connected twice by name
// section: IEEE 1364-2005 12.3.6
// expect: error on line 8
module npt_leaf(input a, output y);
  assign y = a;
endmodule
module named_port_twice(input a, b, output y);
  npt_leaf u (.a(a), .a(b), .y(y)); // error
endmodule
