// construct: a keyword used as a net name
// section: IEEE 1364-2005 3.7.2
// expect: error on line 5
module keyword_as_identifier(input a, output y);
  wire begin; // error
  assign y = a;
endmodule
