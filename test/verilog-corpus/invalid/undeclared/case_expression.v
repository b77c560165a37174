// construct: an undeclared identifier as a case expression
// section: IEEE 1364-2005 9.5
// expect: error on line 5
module case_expression(output reg y);
  always @* case (state) // error
    default: y = 1'b0;
  endcase
endmodule
