// construct: an implicit net created by a continuous assignment's left side
// section: IEEE 1364-2005 4.5
// expect: valid
module implicit_net_assign(input a, output y);
  assign t = ~a;
  assign y = t;
endmodule
