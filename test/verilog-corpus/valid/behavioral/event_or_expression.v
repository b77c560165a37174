// construct: an event expression on an expression value
// section: IEEE 1364-2005 9.7.4
// expect: valid
module event_or_expression(input [3:0] a, b);
  always @(a + b or a[0]) $display("sum or bit changed");
endmodule
