// construct: an undeclared identifier in an if condition
// section: IEEE 1364-2005 9.4
// expect: error on line 5
module if_condition(input a, output reg y);
  always @* if (enable) y = a; else y = 1'b0; // error
endmodule
