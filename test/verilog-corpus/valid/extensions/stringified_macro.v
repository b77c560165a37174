// construct: ``NAME outside a macro body gives a string of the macro's text (an Icarus Verilog extension; accepted with a warning)
// section: IEEE 1364-2005 19.3.1
// expect: valid
`define WIDTH 8
module stringified_macro;
  initial $display("WIDTH is %s", ``WIDTH);
endmodule
