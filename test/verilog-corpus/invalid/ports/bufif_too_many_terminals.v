// construct: a bufif1 gate with four terminals
// section: IEEE 1364-2005 7.4
// expect: error on line 5
module bufif_too_many_terminals(input a, en, x, output y);
  bufif1 b (y, a, en, x); // error
endmodule
