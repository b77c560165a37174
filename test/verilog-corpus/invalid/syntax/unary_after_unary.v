// construct: a unary operator applied directly to a unary expression (!~a)
// section: IEEE 1364-2005 A.8.3
// expect: error on line 6
module unary_after_unary(input [3:0] a, output y);
  // the operand of ! must be a primary: write !(~a)
  assign y = !~a; // error
endmodule
