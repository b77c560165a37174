// construct: a string-valued parameter
// section: IEEE 1364-2005 4.10.1
// expect: valid
module parameter_string;
  parameter NAME = "test";
  parameter [8*8:1] PADDED = "ab";
  initial $display("%s %s", NAME, PADDED);
endmodule
