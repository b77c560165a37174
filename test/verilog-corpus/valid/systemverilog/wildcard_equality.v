// construct: wildcard equality ==? and !=? (SystemVerilog; iverilog -g2005 and Verilator take them)
// section: IEEE 1800-2017 11.4.6
// expect: valid
module wildcard_equality(input [3:0] a, output y, output z);
  localparam MATCH = 4'b1010 ==? 4'b1x1z;
  assign y = a ==? 4'b1x0z;
  assign z = a !=? 4'b0xx1;
endmodule
