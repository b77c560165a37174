// construct: defparam through several levels of hierarchy
// section: IEEE 1364-2005 12.2.1
// expect: valid
module dd_leaf(output [7:0] y);
  parameter V = 1;
  assign y = V;
endmodule
module dd_mid(output [7:0] y);
  dd_leaf inner (y);
endmodule
module defparam_deep(output [7:0] y);
  dd_mid m (y);
  defparam m.inner.V = 7;
endmodule
