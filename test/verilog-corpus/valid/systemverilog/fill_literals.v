// construct: unbased unsized fill literals '0 '1 'x 'z
// section: IEEE 1800-2017 5.7.1
// expect: valid
module fill_literals(output [7:0] a, b, c, d);
  assign a = '0;
  assign b = '1;
  assign c = 'x;
  assign d = 'z;
endmodule
