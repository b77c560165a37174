// construct: $bits
// section: IEEE 1800-2017 20.6.2
// expect: valid
module bits_function(input [11:0] a, output [7:0] n);
  assign n = $bits(a);
endmodule
