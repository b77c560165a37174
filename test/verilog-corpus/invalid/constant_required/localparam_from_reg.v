// construct: a localparam value taken from a reg
// section: IEEE 1364-2005 4.10.2
// expect: error on line 6
module localparam_from_reg;
  reg [3:0] r;
  localparam L = r + 1; // error
endmodule
