// construct: a not gate with a single terminal
// section: IEEE 1364-2005 7.3
// expect: error on line 5
module not_gate_no_input(output y);
  not n (y); // error
endmodule
