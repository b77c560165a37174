// construct: a character that is not part of Verilog
// section: IEEE 1364-2005 3.1
// expect: error on line 5
module illegal_character(input a, output y);
  assign y = a § a; // error
endmodule
