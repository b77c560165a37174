// construct: casez with ? and z don't-cares
// section: IEEE 1364-2005 9.5.1
// expect: valid
module casez_stmt(input [3:0] r, output reg [1:0] g);
  always @* casez (r)
    4'b1???: g = 2'd3;
    4'b01??: g = 2'd2;
    4'b001z: g = 2'd1;
    default: g = 2'd0;
  endcase
endmodule
