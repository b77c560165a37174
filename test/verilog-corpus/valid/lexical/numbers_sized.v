// construct: sized numbers in every base
// section: IEEE 1364-2005 3.5.1
// expect: valid
module numbers_sized(output [7:0] b, o, d, h);
  assign b = 8'b1010_0101;
  assign o = 8'o245;
  assign d = 8'd165;
  assign h = 8'hA5;
endmodule
