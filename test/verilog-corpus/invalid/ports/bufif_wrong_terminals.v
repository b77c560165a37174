// construct: a bufif1 gate with two terminals
// section: IEEE 1364-2005 7.4
// expect: error on line 5
module bufif_wrong_terminals(input a, output y);
  bufif1 b (y, a); // error
endmodule
