// construct: empty entries in a module's port list
// section: IEEE 1364-2005 12.3.2
// expect: valid
module ep_leaf(a, , b);
  input a;
  output b;
  assign b = a;
endmodule
module empty_port_entry(input x, output y);
  ep_leaf u (x, 1'b0, y);
endmodule
