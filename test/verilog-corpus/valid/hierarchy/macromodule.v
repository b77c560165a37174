// construct: macromodule
// section: IEEE 1364-2005 12.1
// expect: valid
macromodule macromodule_test(input a, output y);
  assign y = ~a;
endmodule
