// construct: a call to a function that is not defined
// section: IEEE 1364-2005 10.4.3
// expect: error on line 5
module unknown_function(input [3:0] a, output [3:0] y);
  assign y = parity4(a); // error
endmodule
