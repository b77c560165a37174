// construct: continuous assignments to parts of one vector
// section: IEEE 1364-2005 6.1.2
// expect: valid
module assign_part_select(input [3:0] a, output [7:0] y);
  assign y[3:0] = a;
  assign y[7:4] = ~a;
endmodule
