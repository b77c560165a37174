// construct: macro argument with a default value (SystemVerilog)
// section: IEEE 1364-2005 19.3
// expect: valid
`define INC(x, step = 1) ((x) + (step))
module macro_default_arg(input [7:0] a, output [7:0] y, z);
  assign y = `INC(a, 2);
  assign z = `INC(a, );
endmodule
