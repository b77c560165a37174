// construct: a procedural assignment to an input port
// section: IEEE 1364-2005 9.2
// expect: error on line 5
module input_port(input a);
  initial a = 1'b0; // error
endmodule
