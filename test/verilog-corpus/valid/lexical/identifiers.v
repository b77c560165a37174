// construct: identifiers with underscores, digits and dollar signs
// section: IEEE 1364-2005 3.7
// expect: valid
module identifiers;
  wire _start, a$b, x1y2, UPPER, lower, MiXeD;
  assign _start = 1'b0;
  assign a$b = _start;
endmodule
