// construct: use of an undefined macro
// section: IEEE 1364-2005 19.3
// expect: error on line 5
module undefined_macro(output [7:0] y);
  assign y = `NOT_DEFINED; // error
endmodule
