// construct: a net declaration assignment
// section: IEEE 1364-2005 6.1.1
// expect: valid
module net_declaration_assign(input a, b, output y);
  wire t = a ^ b;
  assign y = t;
endmodule
