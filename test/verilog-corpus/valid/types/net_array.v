// construct: an array of nets
// section: IEEE 1364-2005 4.9.1
// expect: valid
module net_array(input [3:0] a, output [3:0] y);
  wire w [0:3];
  assign w[0] = a[0], w[1] = a[1], w[2] = a[2], w[3] = a[3];
  assign y = {w[3], w[2], w[1], w[0]};
endmodule
