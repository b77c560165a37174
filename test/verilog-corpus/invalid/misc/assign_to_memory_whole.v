// construct: a whole memory assigned at once
// section: IEEE 1364-2005 4.9.3
// expect: error on line 6
module assign_to_memory_whole;
  reg [7:0] mem [0:3];
  initial mem = 0; // error
endmodule
