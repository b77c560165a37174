// construct: a call to an undefined function in an always block
// section: IEEE 1364-2005 10.4.3
// expect: error on line 5
module function_in_always(input [3:0] a, output reg [3:0] y);
  always @* y = swap(a); // error
endmodule
