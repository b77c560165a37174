// construct: if, else if, else chains
// section: IEEE 1364-2005 9.4
// expect: valid
module if_else(input [1:0] s, output reg [1:0] y);
  always @* begin
    if (s == 2'd0) y = 2'd3;
    else if (s == 2'd1) y = 2'd2;
    else if (s == 2'd2) y = 2'd1;
    else y = 2'd0;
  end
endmodule
