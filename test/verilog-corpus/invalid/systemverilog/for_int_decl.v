// construct: a for loop declaring an int variable (SystemVerilog, not Verilog-2005)
// section: IEEE 1800-2017 12.7.1
// expect: error on line 7
module for_int_decl(input [7:0] a, output reg [3:0] n);
  always @* begin
    n = 0;
    for (int i = 0; i < 8; i = i + 1) n = n + a[i]; // error
  end
endmodule
