// construct: reduction operators in conditions
// section: IEEE 1364-2005 5.1.9
// expect: valid
module reduction_in_condition(input [7:0] a, output reg y);
  always @* if (&a || ~|a) y = 1'b1; else y = ^a;
endmodule
