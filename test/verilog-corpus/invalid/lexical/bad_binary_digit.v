// construct: a binary literal with the digit 2
// section: IEEE 1364-2005 3.5.1
// expect: error on line 5
module bad_binary_digit(output [3:0] y);
  assign y = 4'b1021; // error
endmodule
