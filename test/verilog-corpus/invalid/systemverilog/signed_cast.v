// construct: a signed'( ) cast (SystemVerilog, not Verilog-2005)
// section: IEEE 1800-2017 6.24.1
// expect: error on line 5
module signed_cast(input [7:0] a, output signed [8:0] y);
  assign y = signed'(a); // error
endmodule
