// construct: escaped identifiers with special characters
// section: IEEE 1364-2005 3.7.1
// expect: valid
module escaped_identifiers(input \a+b , output \out* );
  wire \bus[0] ;
  wire \{weird} ;
  assign \bus[0] = \a+b ;
  assign \{weird} = \bus[0] ;
  assign \out* = \{weird} ;
endmodule
