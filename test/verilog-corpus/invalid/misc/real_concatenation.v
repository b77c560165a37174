// construct: a real inside a concatenation
// section: IEEE 1364-2005 5.1.12
// expect: error on line 7
module real_concatenation;
  real r;
  reg [65:0] v;
  initial v = {1'b0, r}; // error
endmodule
