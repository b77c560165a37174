// construct: one name twice in the same declaration
// section: IEEE 1364-2005 4.11
// expect: error on line 5
module same_list;
  integer i, j, i; // error
endmodule
