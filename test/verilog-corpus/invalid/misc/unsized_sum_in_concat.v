// construct: a sum with an unsized constant as a concatenation operand (5.4: as wide as the unsized 5)
// section: IEEE 1364-2005 5.1.14
// expect: error on line 6
module unsized_sum_in_concat(input [3:0] a, b, output [35:0] y);
  // b + 5 is max(L(b), L(5)) wide, and L(5) is the tool's integer size
  assign y = {a, (b + 5)}; // error
endmodule
