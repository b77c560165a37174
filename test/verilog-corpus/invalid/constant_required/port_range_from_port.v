// construct: a port range bound taken from another port
// section: IEEE 1364-2005 12.3.4
// expect: error on line 4
module port_range_from_port(input [3:0] n, input [n:0] a); // error
endmodule
