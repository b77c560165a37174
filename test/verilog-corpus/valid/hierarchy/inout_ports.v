// construct: inout ports connected through a hierarchy
// section: IEEE 1364-2005 12.3.3
// expect: valid
module io_leaf(inout p, input en, d);
  assign p = en ? d : 1'bz;
endmodule
module inout_ports(inout bus, input en, d);
  io_leaf u (bus, en, d);
endmodule
