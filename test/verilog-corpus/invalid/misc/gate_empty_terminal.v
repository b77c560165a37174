// construct: a gate instance with an empty terminal
// section: IEEE 1364-2005 7.1
// expect: error on line 6
module gate_empty_terminal;
  wire s;
  not (, s); // error
endmodule
