// construct: a non-ANSI port's direction declared after its reg declaration
// section: IEEE 1364-2005 12.3.3
// expect: error on line 6
module direction_after_declaration(x);
  reg [7:0] x;
  output [7:0] x; // error
endmodule
