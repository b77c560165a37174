// construct: a hex literal with the digit G
// section: IEEE 1364-2005 3.5.1
// expect: error on line 5
module bad_hex_digit(output [7:0] y);
  assign y = 8'hFG; // error
endmodule
