// construct: a defparam value from a wire
// section: IEEE 1364-2005 12.2.1
// expect: error on line 10
module dvw_leaf(output [3:0] y);
  parameter V = 0;
  assign y = V;
endmodule
module defparam_value_wire(input [3:0] n, output [3:0] y);
  dvw_leaf u (y);
  defparam u.V = n; // error
endmodule
