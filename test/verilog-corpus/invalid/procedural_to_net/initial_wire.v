// construct: an initial block assigning a wire
// section: IEEE 1364-2005 9.2
// expect: error on line 6
module initial_wire;
  wire w;
  initial w = 1'b0; // error
endmodule
