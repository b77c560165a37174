// construct: a continuous assignment to an output reg
// section: IEEE 1364-2005 6.1.2
// expect: error on line 5
module output_reg(input a, output reg y);
  assign y = a; // error
endmodule
