// construct: logical operators
// section: IEEE 1364-2005 5.1.7
// expect: valid
module logical(input [3:0] a, b, output y, z, n);
  assign y = a && b;
  assign z = a || b;
  assign n = !a;
endmodule
