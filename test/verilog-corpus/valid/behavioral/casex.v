// construct: casex with x don't-cares
// section: IEEE 1364-2005 9.5.1
// expect: valid
module casex_stmt(input [3:0] op, output reg y);
  always @* casex (op)
    4'b1xx0: y = 1'b1;
    default y = 1'b0;
  endcase
endmodule
