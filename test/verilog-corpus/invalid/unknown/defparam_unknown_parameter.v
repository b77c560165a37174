// construct: defparam of a parameter the instance does not have
// section: IEEE 1364-2005 12.2.1
// expect: error on line 10
module dup_leaf(output [3:0] y);
  parameter V = 0;
  assign y = V;
endmodule
module defparam_unknown_parameter(output [3:0] y);
  dup_leaf u (y);
  defparam u.W = 1; // error
endmodule
