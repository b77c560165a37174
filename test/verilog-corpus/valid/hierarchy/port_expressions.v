// construct: non-ANSI module port list with part selects and concatenations
// section: IEEE 1364-2005 12.3.2
// expect: valid
module port_expressions(a[3:0], {b, c}, .d(e));
  input [7:0] a;
  input b, c;
  output e;
  assign e = ^a[3:0] ^ b ^ c;
endmodule
