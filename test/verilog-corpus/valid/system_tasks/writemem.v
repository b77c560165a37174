// construct: $writememh and $writememb (simulator extensions)
// section: IEEE 1364-2005 17.2.9
// expect: valid
module writemem;
  reg [7:0] mem [0:3];
  initial begin
    mem[0] = 8'h12;
    $writememh("corpus_mem.hex", mem);
    $writememb("corpus_mem.bin", mem);
  end
endmodule
