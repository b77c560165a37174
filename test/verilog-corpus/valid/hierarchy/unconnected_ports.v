// construct: unconnected ports by name, by empty parentheses and by empty positions
// section: IEEE 1364-2005 12.3.6
// expect: valid
module uc_leaf(input a, b, output y, z);
  assign y = a;
  assign z = b;
endmodule
module unconnected_ports(input a, output y);
  uc_leaf u1 (.a(a), .b(), .y(y));
  uc_leaf u2 (a, , , );
endmodule
