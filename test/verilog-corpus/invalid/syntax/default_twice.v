// construct: two default items in one case
// section: IEEE 1364-2005 9.5
// expect: error on line 8
module default_twice(input [1:0] s, output reg y);
  always @* case (s)
    default: y = 0;
    2'd1: y = 1;
    default: y = 1; // error
  endcase
endmodule
