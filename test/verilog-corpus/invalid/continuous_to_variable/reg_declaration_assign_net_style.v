// construct: a nonansi output reg driven by a continuous assignment
// section: IEEE 1364-2005 6.1.2
// expect: error on line 8
module reg_declaration_assign_net_style(a, y);
  input a;
  output y;
  reg y;
  assign y = a; // error
endmodule
