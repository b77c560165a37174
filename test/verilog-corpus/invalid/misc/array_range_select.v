// construct: a part select naming several elements of an array
// section: IEEE 1364-2005 5.2.2
// expect: error on line 7
module array_range_select;
  reg [3:0] mem [7:0];
  wire [7:0] w;
  assign w = mem[1:0]; // error
endmodule
