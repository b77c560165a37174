// construct: an immediate assertion (SystemVerilog, not Verilog-2005)
// section: IEEE 1800-2017 16.3
// expect: error on line 5
module assert_immediate(input [3:0] a);
  always @* assert (a != 4'hF) else $error("a is all ones"); // error
endmodule
