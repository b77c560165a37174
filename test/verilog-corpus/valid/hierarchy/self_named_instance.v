// construct: an instance whose name equals a net name in another scope
// section: IEEE 1364-2005 12.1.2
// expect: valid
module sni_leaf(input a, output y);
  wire u;
  assign u = a;
  assign y = u;
endmodule
module self_named_instance(input a, output y);
  sni_leaf sni_leaf (a, y);
endmodule
