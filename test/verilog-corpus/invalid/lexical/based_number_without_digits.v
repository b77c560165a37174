// construct: a based literal with no digits
// section: IEEE 1364-2005 3.5.1
// expect: error on line 5
module based_number_without_digits(output [3:0] y);
  assign y = 4'b; // error
endmodule
