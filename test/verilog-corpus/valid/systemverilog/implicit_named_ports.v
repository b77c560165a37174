// construct: implicit .name port connections
// section: IEEE 1800-2017 23.3.2.3
// expect: valid
module inp_leaf(input a, output y);
  assign y = a;
endmodule
module implicit_named_ports(input a, output y);
  inp_leaf u (.a, .y);
endmodule
