// construct: ++x; and --x; as statements (SystemVerilog; iverilog -g2005 and Verilator take them)
// section: IEEE 1800-2017 11.4.2
// expect: valid
module prefix_increment;
  function [31:0] bump(input [31:0] x);
    begin
      ++x[23:8];
      --x[3:0];
      bump = x;
    end
  endfunction
  localparam P = bump(32'h00ffff00);
  reg [7:0] r;
  initial begin
    r = P;
    ++r;
    --r;
  end
endmodule
