// construct: a plain port name before ANSI declarations in a module header
// section: IEEE 1364-2005 12.3.4
// expect: error on line 4
module mixed_ansi_nonansi_header(a, input b); // error
  input a;
endmodule
