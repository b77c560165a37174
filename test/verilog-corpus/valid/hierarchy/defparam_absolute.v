// construct: defparam with a path from the top module
// section: IEEE 1364-2005 12.2.1
// expect: valid
module da_leaf(output [3:0] y);
  parameter V = 0;
  assign y = V;
endmodule
module defparam_absolute(output [3:0] y);
  da_leaf u (y);
  defparam defparam_absolute.u.V = 9;
endmodule
