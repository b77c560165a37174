// construct: an implicit net created by an instance port connection
// section: IEEE 1364-2005 4.5
// expect: valid
module impl_leaf(input a, output y);
  assign y = ~a;
endmodule
module implicit_net_port(input a, output y);
  impl_leaf u1 (.a(a), .y(mid));
  impl_leaf u2 (.a(mid), .y(y));
endmodule
