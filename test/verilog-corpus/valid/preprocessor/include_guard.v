// construct: an include guard lets a file be included twice
// section: IEEE 1364-2005 19.5
// expect: valid
module include_guard(output [3:0] y);
`include "guarded.vh"
`include "guarded.vh"
  assign y = GUARD_VALUE;
endmodule
