// construct: a module without endmodule
// section: IEEE 1364-2005 12.1
// expect: error on line 5
module missing_endmodule(input a, output y);
  assign y = a; // error
