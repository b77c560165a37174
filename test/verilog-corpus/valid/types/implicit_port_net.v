// construct: a port with only a direction is a net
// section: IEEE 1364-2005 12.3.3
// expect: valid
module implicit_port_net(a, y);
  input [3:0] a;
  output [3:0] y;
  assign y = a;
endmodule
