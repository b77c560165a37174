// construct: literals wider than 64 bits
// section: IEEE 1364-2005 3.5.1
// expect: valid
module numbers_wide(output [127:0] y, output [99:0] z);
  assign y = 128'hFFEE_DDCC_BBAA_9988_7766_5544_3322_1100;
  assign z = 100'd1267650600228229401496703205375;
endmodule
