// construct: unique case (SystemVerilog, not Verilog-2005)
// section: IEEE 1800-2017 12.5.3
// expect: error on line 6
module unique_case(input [1:0] s, output reg [1:0] y);
  always @* begin
    unique case (s) // error
      2'd0: y = 2'd1;
      2'd1: y = 2'd2;
      default: y = 2'd0;
    endcase
  end
endmodule
