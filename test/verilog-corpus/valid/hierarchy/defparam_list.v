// construct: one defparam statement with several assignments
// section: IEEE 1364-2005 12.2.1
// expect: valid
module dl_leaf(output [7:0] y);
  parameter A = 0, B = 0;
  assign y = A + B;
endmodule
module defparam_list(output [7:0] y);
  dl_leaf u (y);
  defparam u.A = 1, u.B = 2;
endmodule
