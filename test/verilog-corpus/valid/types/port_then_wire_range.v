// construct: a port declared again as a wire with the same range
// section: IEEE 1364-2005 12.3.3
// expect: valid
module port_then_wire_range(a, y);
  input [7:0] a;
  wire [7:0] a;
  output [7:0] y;
  wire [7:0] y;
  assign y = a;
endmodule
