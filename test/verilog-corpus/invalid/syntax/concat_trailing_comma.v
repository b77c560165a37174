// construct: a concatenation ending in a comma
// section: IEEE 1364-2005 5.1.12
// expect: error on line 5
module concat_trailing_comma(input a, b, output [1:0] y);
  assign y = {a, b,}; // error
endmodule
