// construct: a tran switch with three terminals
// section: IEEE 1364-2005 7.6
// expect: error on line 5
module tran_three_terminals(inout a, b, c);
  tran t (a, b, c); // error
endmodule
