// construct: an unsized signed based literal
// section: IEEE 1364-2005 3.5.1
// expect: valid
module signed_unsized_literal(output signed [31:0] y);
  assign y = 'sd5 - 'sd7;
endmodule
