// construct: null statements where a statement is expected
// section: IEEE 1364-2005 9.1
// expect: valid
module null_statements(input a);
  always @(a) ;
  initial begin ; ; end
  initial if (a) ; else ;
endmodule
