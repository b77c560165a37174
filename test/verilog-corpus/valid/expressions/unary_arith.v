// construct: unary plus and minus
// section: IEEE 1364-2005 5.1.3
// expect: valid
module unary_arith(input signed [7:0] a, output signed [7:0] n, p);
  assign n = -a;
  assign p = +a;
endmodule
