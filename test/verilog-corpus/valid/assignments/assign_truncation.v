// construct: assignment to a narrower target truncates
// section: IEEE 1364-2005 5.6
// expect: valid
module assign_truncation(input [15:0] a, output [7:0] y);
  assign y = a;
endmodule
