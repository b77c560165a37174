// construct: a module header without its semicolon
// section: IEEE 1364-2005 12.1
// expect: error on line 5
module semicolon_after_module_header_missing(input a, output y)
  assign y = a; // error
endmodule
