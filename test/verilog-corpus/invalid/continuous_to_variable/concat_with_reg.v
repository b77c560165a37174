// construct: a continuous assignment to a concatenation containing a reg
// section: IEEE 1364-2005 6.1.2
// expect: error on line 7
module concat_with_reg(input [1:0] a);
  reg r;
  wire w;
  assign {r, w} = a; // error
endmodule
