// construct: defparam naming an instance that does not exist
// section: IEEE 1364-2005 12.2.1
// expect: error on line 10
module dui_leaf(output [3:0] y);
  parameter V = 0;
  assign y = V;
endmodule
module defparam_unknown_instance(output [3:0] y);
  dui_leaf u (y);
  defparam w.V = 1; // error
endmodule
