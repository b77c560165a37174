// construct: int, byte, shortint and longint (SystemVerilog types, not Verilog-2005)
// section: IEEE 1800-2017 6.11
// expect: error on line 5
module int_types;
  int i = -5; // error
  byte b = 8'h7F;
  shortint s = 16'h1234;
  longint l = 64'h1;
  initial $display("%0d %0d %0d %0d", i, b, s, l);
endmodule
