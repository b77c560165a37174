// construct: $clog2 in a port range
// section: IEEE 1364-2005 17.11
// expect: valid
module constant_function_sys #(parameter DEPTH = 100) (input [$clog2(DEPTH)-1:0] addr, output [$clog2(DEPTH):0] n);
  assign n = addr + 1;
endmodule
