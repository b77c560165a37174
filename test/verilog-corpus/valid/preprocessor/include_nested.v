// construct: an included file including another
// section: IEEE 1364-2005 19.5
// expect: valid
`include "nested_outer.vh"
module include_nested(output [7:0] y);
  assign y = `OUTER_VALUE;
endmodule
