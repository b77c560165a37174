// construct: a parameter value taken from a wire
// section: IEEE 1364-2005 4.10.1
// expect: error on line 5
module parameter_from_wire(input [3:0] a);
  parameter P = a; // error
endmodule
