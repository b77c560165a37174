// construct: an initial value on an output net port (only a variable output takes one)
// section: IEEE 1364-2005 12.3.4
// expect: error on line 5
module output_net_initial_value(
  output [31:0] x = 1, y = 2 // error
);
endmodule
