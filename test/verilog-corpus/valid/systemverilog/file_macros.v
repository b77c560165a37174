// construct: the `__FILE__ and `__LINE__ macros
// section: IEEE 1800-2017 22.13
// expect: valid
module file_macros;
  initial $display("%s:%0d", `__FILE__, `__LINE__);
endmodule
