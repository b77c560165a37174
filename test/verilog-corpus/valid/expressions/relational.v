// construct: relational operators
// section: IEEE 1364-2005 5.1.5
// expect: valid
module relational(input [7:0] a, b, output lt, le, gt, ge);
  assign lt = a < b;
  assign le = a <= b;
  assign gt = a > b;
  assign ge = a >= b;
endmodule
