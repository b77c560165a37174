// construct: an and gate with only an output
// section: IEEE 1364-2005 7.1.6
// expect: error on line 5
module gate_too_few_terminals(input a, output y);
  and g (y); // error
endmodule
