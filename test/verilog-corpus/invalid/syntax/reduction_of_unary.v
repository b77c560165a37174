// construct: a reduction operator applied directly to a bitwise negation (&~a)
// section: IEEE 1364-2005 A.8.3
// expect: error on line 6
module reduction_of_unary(input [3:0] a, output y);
  // &~a is the reduction AND of ~a only when written &(~a); ~&a is the one-token NAND
  assign y = &~a; // error
endmodule
