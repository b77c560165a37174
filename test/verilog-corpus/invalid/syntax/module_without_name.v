// construct: a module with no name
// section: IEEE 1364-2005 12.1
// expect: error on line 4
module (input a, output y); // error
  assign y = a;
endmodule
