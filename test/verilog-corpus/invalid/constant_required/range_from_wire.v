// construct: a vector range bound taken from a wire
// section: IEEE 1364-2005 4.3.1
// expect: error on line 5
module range_from_wire(input [3:0] n);
  wire [n:0] w; // error
endmodule
