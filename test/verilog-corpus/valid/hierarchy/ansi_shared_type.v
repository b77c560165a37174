// construct: ANSI ports sharing a direction, type and range
// section: IEEE 1364-2005 12.3.4
// expect: valid
module ansi_shared_type(input wire [3:0] a, b, c, output reg [3:0] x, y);
  always @* begin
    x = a & b;
    y = b | c;
  end
endmodule
