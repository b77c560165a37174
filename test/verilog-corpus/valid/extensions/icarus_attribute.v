// construct: iverilog's $attribute(name, "key", "value") module item on a net, a variable and an instance (an extension iverilog takes; accepted with a warning)
// section: IEEE 1364-2005 3.8
// expect: valid
module icarus_attribute(input clk, output q);
  reg r;
  and g1 (q, clk, r);
  $attribute(clk, "PAD", "39");
  $attribute(r, "INIT", "0");
  $attribute(g1, "LOC", "SLICE_X0Y0");
  initial r = 1'b0;
endmodule
