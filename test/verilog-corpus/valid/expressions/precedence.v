// construct: operator precedence without parentheses
// section: IEEE 1364-2005 5.1.2
// expect: valid
module precedence(input [3:0] a, b, c, output [7:0] y, output z);
  assign y = a + b * c - a / 2 << 1;
  assign z = a < b == b > c && a | b ^ c & a || !c;
endmodule
