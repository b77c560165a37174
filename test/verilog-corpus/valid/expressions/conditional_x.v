// construct: a conditional with an x select merges the operands
// section: IEEE 1364-2005 5.1.11
// expect: valid
module conditional_x;
  reg [3:0] y;
  initial begin
    y = 1'bx ? 4'b1100 : 4'b1010;
    $display("%b", y);
  end
endmodule
