// construct: a net declaration with no name
// section: IEEE 1364-2005 4.2.1
// expect: error on line 5
module declaration_missing_name;
  wire [3:0] ; // error
endmodule
