// construct: a keyword used as a module name
// section: IEEE 1364-2005 3.7.2
// expect: error on line 4
module always(input a, output y); // error
  assign y = a;
endmodule
