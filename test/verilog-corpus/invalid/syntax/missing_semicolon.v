// construct: a continuous assignment without its semicolon
// section: IEEE 1364-2005 6.1.2
// expect: error on line 6
module missing_semicolon(input a, output y, z);
  assign y = a
  assign z = a; // error
endmodule
