// construct: ++ in a continuous assignment (a side effect outside procedural code)
// section: IEEE 1800-2017 11.4.2
// expect: error on line 7
module increment_in_continuous_assign;
  reg [3:0] i;
  wire [3:0] w;
  assign w = i++; // error
endmodule
