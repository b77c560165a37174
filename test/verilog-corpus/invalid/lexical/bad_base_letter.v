// construct: a based literal with an unknown base letter
// section: IEEE 1364-2005 3.5.1
// expect: error on line 5
module bad_base_letter(output [3:0] y);
  assign y = 4'q3; // error
endmodule
