// construct: variable declaration assignments
// section: IEEE 1364-2005 6.2.1
// expect: valid
module variable_declaration_assign;
  reg [3:0] r = 4'd9;
  integer n = -1;
  initial $display("%d %0d", r, n);
endmodule
