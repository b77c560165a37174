// construct: a one-bit literal of every value
// section: IEEE 1364-2005 3.5.1
// expect: valid
module number_size_expression(output [3:0] y);
  assign y = {1'b0, 1'b1, 1'bx, 1'bz};
endmodule
