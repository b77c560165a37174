// construct: a for loop header missing a semicolon
// section: IEEE 1364-2005 9.6
// expect: error on line 6
module for_missing_semicolon;
  integer i;
  initial for (i = 0 i < 4; i = i + 1) $display(i); // error
endmodule
