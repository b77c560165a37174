// construct: an always with an if statement and no timing control
// section: IEEE 1364-2005 9.9.2
// expect: error on line 6
module always_if_no_delay(input s);
  reg y;
  always if (s) y = 1'b1; else y = 1'b0; // error
endmodule
