// construct: a scalar output port completed by an integer (32 bits)
// section: IEEE 1364-2005 12.3.3
// expect: error on line 6
module scalar_output_integer(y);
  output y;
  integer y; // error: the port declaration has no range
  initial y = 0;
endmodule
