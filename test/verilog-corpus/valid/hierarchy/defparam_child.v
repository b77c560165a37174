// construct: defparam on a direct child
// section: IEEE 1364-2005 12.2.1
// expect: valid
module dp_leaf(output [7:0] y);
  parameter V = 1;
  assign y = V;
endmodule
module defparam_child(output [7:0] y);
  dp_leaf u (y);
  defparam u.V = 42;
endmodule
