// construct: an undeclared identifier in a port range
// section: IEEE 1364-2005 12.3.4
// expect: error on line 4
module port_range_bound(input [N-1:0] a); // error
endmodule
