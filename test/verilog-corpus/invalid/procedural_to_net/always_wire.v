// construct: a procedural assignment to a wire
// section: IEEE 1364-2005 9.2
// expect: error on line 6
module always_wire(input a);
  wire w;
  always @(a) w = a; // error
endmodule
