// construct: a wire and a reg with the same name
// section: IEEE 1364-2005 4.11
// expect: error on line 6
module wire_and_reg;
  wire x;
  reg x; // error
endmodule
