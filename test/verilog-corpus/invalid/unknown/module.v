// construct: an instance of a module that is not defined
// section: IEEE 1364-2005 12.1.2
// expect: error on line 5
module unknown_module(input a, output y);
  no_such_module u (.a(a), .y(y)); // error
endmodule
