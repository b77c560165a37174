// construct: ascending ranges [0:7]
// section: IEEE 1364-2005 4.3.1
// expect: valid
module reverse_range(input [0:7] a, output [7:0] y);
  assign y = a;
  wire b0 = a[0];
endmodule
