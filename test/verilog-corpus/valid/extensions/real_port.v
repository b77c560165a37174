// construct: real-valued module ports (Verilog-AMS and SystemVerilog have them, IEEE 1364-2005 does not; accepted with a warning)
// section: IEEE 1364-2005 12.3.3
// expect: valid
module real_port_child(input wire real x, output wire real y);
  assign y = 2.0 * x;
endmodule
module real_port;
  real a;
  wire real b;
  real_port_child u(.x(a), .y(b));
  initial a = 1.25;
endmodule
