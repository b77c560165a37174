// construct: an escaped keyword is an ordinary identifier
// section: IEEE 1364-2005 3.7.1
// expect: valid
module escaped_keyword(input \module , output \wire );
  assign \wire = \module ;
endmodule
