// construct: iverilog's $attribute naming a net declared only after it
// section: IEEE 1364-2005 3.8
// expect: error on line 6
module icarus_attribute_target(input clk, output q);
  assign q = clk;
  $attribute(late, "PAD", "1"); // error: 'late' is not declared yet
  wire late;
endmodule
