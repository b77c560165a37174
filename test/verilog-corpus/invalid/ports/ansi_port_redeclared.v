// construct: an ANSI port declared again in the module body
// section: IEEE 1364-2005 12.3.4
// expect: error on line 5
module ansi_port_redeclared(input a, output y);
  input a; // error
  assign y = a;
endmodule
