// construct: an event control on a memory word and a part select
// section: IEEE 1364-2005 9.7.2
// expect: valid
module event_on_memory_word;
  reg [7:0] mem [0:3];
  reg [7:0] v;
  always @(mem[1] or v[3:0]) $display("changed");
endmodule
