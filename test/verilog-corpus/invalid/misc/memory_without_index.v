// construct: a memory read without an index
// section: IEEE 1364-2005 4.9.3
// expect: error on line 6
module memory_without_index(output [7:0] y);
  reg [7:0] mem [0:3];
  assign y = mem; // error
endmodule
