// construct: undeclared names inside a port connection's expression become implicit nets
// section: IEEE 1364-2005 4.5
// expect: valid
module implicit_net_in_connection_expression;
  leaf u (.r(!r), .s(a & (b ? c : ~d)));
endmodule

module leaf(input r, input s);
endmodule
