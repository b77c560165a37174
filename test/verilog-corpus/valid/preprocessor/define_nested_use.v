// construct: a macro whose body uses another macro
// section: IEEE 1364-2005 19.3
// expect: valid
`define BASE 4
`define DOUBLE (`BASE * 2)
module define_nested_use(output [`DOUBLE-1:0] y);
  assign y = {`DOUBLE{1'b1}};
endmodule
