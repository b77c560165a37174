// construct: signed ports
// section: IEEE 1364-2005 12.3.11
// expect: valid
module ps_leaf(input signed [3:0] a, output signed [7:0] y);
  assign y = a;
endmodule
module port_signed(input signed [3:0] a, output signed [7:0] y);
  ps_leaf u (a, y);
endmodule
