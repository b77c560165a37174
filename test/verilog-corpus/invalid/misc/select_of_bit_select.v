// construct: a bit select of a bit select of a vector
// section: IEEE 1364-2005 5.2.1
// expect: error on line 7
module select_of_bit_select;
  reg [15:0] v;
  reg r;
  initial r = v[0][0]; // error
endmodule
