// construct: a module defined twice
// section: IEEE 1364-2005 12.1
// expect: error on line 6
module module_twice;
endmodule
module module_twice; // error
endmodule
