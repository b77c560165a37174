// construct: defparam placed in a separate module naming the target by its full path
// section: IEEE 1364-2005 12.2.1
// expect: valid
module dfo_leaf(output [3:0] y);
  parameter V = 0;
  assign y = V;
endmodule
module dfo_top(output [3:0] y);
  dfo_leaf u (y);
endmodule
module dfo_params;
  defparam dfo_top.u.V = 5;
endmodule
