// construct: a procedural assignment to a concatenation containing a wire
// section: IEEE 1364-2005 9.2
// expect: error on line 7
module concat_with_wire(input [1:0] a);
  reg r;
  wire w;
  always @(a) {r, w} = a; // error
endmodule
