// construct: a memory word in an expression
// section: IEEE 1364-2005 5.2.2
// expect: valid
module memory_in_expression;
  reg [7:0] rom [0:3];
  reg [8:0] sum;
  initial begin
    rom[0] = 1; rom[1] = 2;
    sum = rom[0] + rom[1] * 2;
  end
endmodule
