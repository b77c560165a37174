// construct: connecting ports of different widths (a warning, not an error)
// section: IEEE 1364-2005 12.3.8
// expect: valid
module pwm_leaf(input [7:0] a, output [7:0] y);
  assign y = a;
endmodule
module port_width_mismatch(input [3:0] a, output [15:0] y);
  pwm_leaf u (a, y);
endmodule
