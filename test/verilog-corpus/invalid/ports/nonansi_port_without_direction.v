// construct: a port listed in the header but never given a direction
// section: IEEE 1364-2005 12.3.3
// expect: error on line 4
module nonansi_port_without_direction(a, y); // error
  input a;
  assign y = a;
endmodule
