// construct: $readmemh and $readmemb with and without address ranges
// section: IEEE 1364-2005 17.2.9
// expect: valid
module readmem;
  reg [7:0] rom [0:15];
  reg [3:0] bits [0:3];
  initial begin
    $readmemh("corpus_rom.hex", rom);
    $readmemh("corpus_rom.hex", rom, 4);
    $readmemb("corpus_bits.bin", bits, 0, 3);
  end
endmodule
