// construct: a module instantiating itself
// section: IEEE 1364-2005 12.1.2
// expect: error on line 5
module self_instantiation(input a, output y);
  self_instantiation u (a, y); // error
endmodule
