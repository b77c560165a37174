// construct: the string type (SystemVerilog, not Verilog-2005)
// section: IEEE 1800-2017 6.16
// expect: error on line 5
module string_type;
  string s = "hello"; // error
  initial $display("%s", s);
endmodule
