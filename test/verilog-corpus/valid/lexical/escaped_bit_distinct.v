// construct: \a[0] is not bit 0 of bus a
// section: IEEE 1364-2005 3.7.1
// expect: valid
module escaped_bit_distinct(input [1:0] a, output y, z);
  wire \a[0] ;
  assign \a[0] = ~a[0];
  assign y = \a[0] ;
  assign z = a[0];
endmodule
