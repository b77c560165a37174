// construct: the logical equivalence operator <-> (SystemVerilog; iverilog -g2005 and Verilator take it)
// section: IEEE 1800-2017 11.4.7
// expect: valid
module logical_equivalence(input a, input b, output y);
  localparam BOTH = (1 <-> 1) + (0 <-> 0);
  assign y = a <-> b;
endmodule
