// construct: an instance of a misspelled module name
// section: IEEE 1364-2005 12.1.2
// expect: error on line 8
module adder(input a, b, output s);
  assign s = a ^ b;
endmodule
module module_misspelled(input a, b, output s);
  addr u (a, b, s); // error
endmodule
