// construct: a procedural assignment to an implicit net
// section: IEEE 1364-2005 9.2
// expect: error on line 9
module in_leaf2(input a, output y);
  assign y = a;
endmodule
module implicit_net(input a);
  in_leaf2 u (.a(a), .y(n));
  initial n = 1'b0; // error
endmodule
