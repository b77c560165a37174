// construct: a module without ports or parentheses
// section: IEEE 1364-2005 12.1
// expect: valid
module module_no_ports;
  initial $display("no ports");
endmodule
