// construct: attributes on named and positional port connections
// section: IEEE 1364-2005 5.8
// expect: valid
module attribute_on_connection_leaf(input clk, rst, output q);
  assign q = clk & rst;
endmodule

module attribute_on_connection(input clk, rst, output a, b);
  attribute_on_connection_leaf u1 ((* is_clock *) .clk(clk), .rst(rst), .q(a));
  attribute_on_connection_leaf u2 (clk, (* is_reset *) rst, b);
endmodule
