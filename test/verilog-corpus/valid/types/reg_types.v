// construct: reg declarations, scalar and vector, with initial values
// section: IEEE 1364-2005 4.7
// expect: valid
module reg_types;
  reg a = 1'b0;
  reg [7:0] b = 8'h12, c;
  reg signed [15:0] d;
  initial begin c = b; d = -1; $display("%b %h %h %d", a, b, c, d); end
endmodule
