// construct: reduction operators
// section: IEEE 1364-2005 5.1.9
// expect: valid
module reduction(input [7:0] a, output r1, r2, r3, r4, r5, r6);
  assign r1 = &a;
  assign r2 = ~&a;
  assign r3 = |a;
  assign r4 = ~|a;
  assign r5 = ^a;
  assign r6 = ~^a;
endmodule
