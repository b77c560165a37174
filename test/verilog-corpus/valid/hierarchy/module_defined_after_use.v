// construct: a module instantiated before it is defined
// section: IEEE 1364-2005 12.1.2
// expect: valid
module module_defined_after_use(input a, output y);
  later u (a, y);
endmodule
module later(input a, output y);
  assign y = a;
endmodule
