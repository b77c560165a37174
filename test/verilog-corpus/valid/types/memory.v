// construct: a memory read and written
// section: IEEE 1364-2005 4.9.3
// expect: valid
module memory(input clk, we, input [3:0] addr, input [7:0] d, output [7:0] q);
  reg [7:0] mem [0:15];
  always @(posedge clk) if (we) mem[addr] <= d;
  assign q = mem[addr];
endmodule
