// construct: gate, UDP and module instances side by side
// section: IEEE 1364-2005 12.1.2
// expect: valid
primitive uam_buf (y, a);
  output y;
  input a;
  table
    0 : 0;
    1 : 1;
  endtable
endprimitive
module uam_leaf(input a, output y);
  assign y = a;
endmodule
module udp_and_module_instances(input a, output y);
  wire p, q;
  uam_buf b (p, a);
  uam_leaf l (p, q);
  not n (y, q);
endmodule
