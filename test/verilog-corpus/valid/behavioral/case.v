// construct: case with several labels per item and a default
// section: IEEE 1364-2005 9.5
// expect: valid
module case_stmt(input [2:0] s, output reg [1:0] y);
  always @* case (s)
    3'd0, 3'd1: y = 2'd0;
    3'd2: y = 2'd1;
    3'd3, 3'd4, 3'd5: y = 2'd2;
    default: y = 2'd3;
  endcase
endmodule
