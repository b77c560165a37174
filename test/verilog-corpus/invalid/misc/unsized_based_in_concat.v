// construct: an unsized based constant ('hff) in a procedural concatenation
// section: IEEE 1364-2005 5.1.14
// expect: error on line 7
module unsized_based_in_concat(input [3:0] a);
  reg [39:0] v;
  always @(a)
    v = {'hff, a}; // error
endmodule
