// construct: a dangling else binds to the nearest if
// section: IEEE 1364-2005 9.4
// expect: valid
module if_dangling_else(input a, b, output reg y);
  always @*
    if (a)
      if (b) y = 1'b1;
      else y = 1'b0;
endmodule
