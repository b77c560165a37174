// construct: a case item without its colon
// section: IEEE 1364-2005 9.5
// expect: error on line 6
module case_item_missing_colon(input [1:0] s, output reg y);
  always @* case (s)
    2'd0 y = 0; // error
    default: y = 1;
  endcase
endmodule
