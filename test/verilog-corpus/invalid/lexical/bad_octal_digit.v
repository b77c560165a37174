// construct: an octal literal with the digit 8
// section: IEEE 1364-2005 3.5.1
// expect: error on line 5
module bad_octal_digit(output [5:0] y);
  assign y = 6'o78; // error
endmodule
