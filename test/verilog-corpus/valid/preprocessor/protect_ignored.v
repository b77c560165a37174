// construct: `protect, which simulators ignore
// section: IEEE 1364-2005 19
// expect: valid
`protect
module protect_ignored(input a, output y);
  assign y = a;
endmodule
`endprotect
