// construct: two unary minus signs in a row (- -a)
// section: IEEE 1364-2005 A.8.3
// expect: error on line 7
module unary_minus_twice(input signed [7:0] a, output reg signed [7:0] y);
  // a - -a is a subtraction of -a and fine; - -a alone needs -(-a)
  always @*
    y = - -a; // error
endmodule
