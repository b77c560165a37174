// construct: `ifdef/`else/`endif inside a macro body, with a pasted argument naming the macro tested
// section: IEEE 1364-2005 19.3.1
// expect: valid
`define FAST_x
`define pick(mode, a, b) \
  `ifdef FAST_``mode \
    a \
  `else \
    b \
  `endif
module ifdef_inside_macro(output [3:0] y, output [3:0] z);
  assign y = `pick(x, 4'd1, 4'd2);
  assign z = `pick(w, 4'd1, 4'd2);
endmodule
