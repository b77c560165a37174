// construct: .* port connections
// section: IEEE 1800-2017 23.3.2.4
// expect: valid
module wp_leaf(input a, output y);
  assign y = ~a;
endmodule
module wildcard_ports(input a, output y);
  wp_leaf u (.*);
endmodule
