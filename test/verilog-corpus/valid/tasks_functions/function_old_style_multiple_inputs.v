// construct: a function with several old-style inputs and local regs
// section: IEEE 1364-2005 10.4.1
// expect: valid
module function_old_style_multiple_inputs(input [3:0] a, b, c, output [3:0] y);
  function [3:0] mux3;
    input [1:0] sel;
    input [3:0] x, z;
    reg [3:0] t;
    begin
      t = sel[0] ? x : z;
      mux3 = sel[1] ? ~t : t;
    end
  endfunction
  assign y = mux3(a[1:0], b, c);
endmodule
