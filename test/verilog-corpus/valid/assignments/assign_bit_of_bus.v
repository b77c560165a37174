// construct: continuous assignments to single bits
// section: IEEE 1364-2005 6.1.2
// expect: valid
module assign_bit_of_bus(input a, b, output [1:0] y);
  assign y[0] = a;
  assign y[1] = b;
endmodule
