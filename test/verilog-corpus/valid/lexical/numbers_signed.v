// construct: signed based numbers
// section: IEEE 1364-2005 3.5.1
// expect: valid
module numbers_signed(output signed [7:0] a, b);
  assign a = 8'sd127;
  assign b = -8'sh01;
endmodule
