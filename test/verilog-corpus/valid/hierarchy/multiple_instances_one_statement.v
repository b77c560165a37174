// construct: several instances in one statement
// section: IEEE 1364-2005 12.1.2
// expect: valid
module mi_leaf(input a, output y);
  assign y = a;
endmodule
module multiple_instances_one_statement(input a, b, output y, z);
  mi_leaf u1 (a, y), u2 (b, z);
endmodule
