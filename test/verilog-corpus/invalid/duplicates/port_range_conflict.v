// construct: a port redeclared as a net with a different range
// section: IEEE 1364-2005 12.3.3
// expect: error on line 6
module port_range_conflict(a);
  input [7:0] a;
  wire [3:0] a; // error
endmodule
