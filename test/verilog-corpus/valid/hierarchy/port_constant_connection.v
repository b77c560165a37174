// construct: constants and expressions connected to input ports
// section: IEEE 1364-2005 12.3.9
// expect: valid
module pcc_leaf(input [3:0] a, input b, output [3:0] y);
  assign y = b ? a : 4'd0;
endmodule
module port_constant_connection(input [3:0] x, output [3:0] y);
  pcc_leaf u (.a(x + 4'd1), .b(1'b1), .y(y));
endmodule
