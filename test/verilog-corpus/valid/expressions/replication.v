// construct: replication, nested
// section: IEEE 1364-2005 5.1.12
// expect: valid
module replication(input [1:0] a, output [15:0] y);
  assign y = {2{a, {3{2'b10}}}};
endmodule
