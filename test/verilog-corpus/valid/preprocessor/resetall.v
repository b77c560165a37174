// construct: `resetall
// section: IEEE 1364-2005 19.6
// expect: valid
`timescale 1ns/1ns
`default_nettype none
`resetall
module resetall(input a, output y);
  assign y = a;
endmodule
