// construct: a real used as a bit index
// section: IEEE 1364-2005 5.2.1
// expect: error on line 8
module real_as_index;
  real r;
  reg [3:0] v;
  reg b;
  initial b = v[r]; // error
endmodule
