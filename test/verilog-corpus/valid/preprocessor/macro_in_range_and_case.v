// construct: macros as case labels and ranges
// section: IEEE 1364-2005 19.3
// expect: valid
`define IDLE 2'd0
`define RUN  2'd1
module macro_in_range_and_case(input [1:0] s, output reg y);
  always @* case (s)
    `IDLE: y = 1'b0;
    `RUN: y = 1'b1;
    default: y = 1'bx;
  endcase
endmodule
