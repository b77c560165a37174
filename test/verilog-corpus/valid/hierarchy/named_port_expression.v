// construct: a module port named explicitly .name(expr), connected by that name
// section: IEEE 1364-2005 12.3.2
// expect: valid
module npe_leaf(.in({p, q}), .out(r));
  input p, q;
  output r;
  assign r = p ^ q;
endmodule
module named_port_expression(input [1:0] a, output y);
  npe_leaf u (.in(a), .out(y));
endmodule
