// construct: a module with an empty port list
// section: IEEE 1364-2005 12.1
// expect: valid
module module_empty_parens();
endmodule
