// construct: a wire declared twice
// section: IEEE 1364-2005 4.11
// expect: error on line 6
module wire_twice;
  wire w;
  wire w; // error
endmodule
