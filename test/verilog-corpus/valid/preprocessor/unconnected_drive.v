// construct: `unconnected_drive / `nounconnected_drive
// section: IEEE 1364-2005 19.9
// expect: valid
`unconnected_drive pull1
module unconnected_drive(input a, output y);
  assign y = a;
endmodule
`nounconnected_drive
