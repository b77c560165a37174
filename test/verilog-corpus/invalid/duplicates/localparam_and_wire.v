// construct: a localparam and a wire with the same name
// section: IEEE 1364-2005 4.11
// expect: error on line 6
module localparam_and_wire;
  localparam N = 4;
  wire N; // error
endmodule
