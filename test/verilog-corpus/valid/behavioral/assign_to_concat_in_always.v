// construct: a procedural assignment to a concatenation
// section: IEEE 1364-2005 9.2.1
// expect: valid
module assign_to_concat_in_always(input [3:0] a, b, output reg [3:0] s, output reg c);
  always @* {c, s} = a + b;
endmodule
