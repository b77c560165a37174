// construct: \name and name are the same identifier
// section: IEEE 1364-2005 3.7.1
// expect: valid
module escaped_same_as_plain(input a, output y);
  wire \t ;
  assign t = a;
  assign y = \t ;
endmodule
