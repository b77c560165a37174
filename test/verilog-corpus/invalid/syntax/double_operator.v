// construct: two binary operators in a row
// section: IEEE 1364-2005 5.1
// expect: error on line 5
module double_operator(input a, b, output y);
  assign y = a * / b; // error
endmodule
