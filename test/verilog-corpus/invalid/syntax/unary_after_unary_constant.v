// construct: a unary operator applied directly to a signed constant in a parameter (~-1)
// section: IEEE 1364-2005 A.8.3
// expect: error on line 6
module unary_after_unary_constant(output [7:0] y);
  // -1 is not a number token but unary minus of 1, so ~-1 needs ~(-1)
  localparam P = ~-1; // error
  assign y = P;
endmodule
