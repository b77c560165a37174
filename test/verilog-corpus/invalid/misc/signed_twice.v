// construct: signed given twice in a declaration
// section: IEEE 1364-2005 4.3.1
// expect: error on line 5
module signed_twice;
  reg signed signed [3:0] r; // error
endmodule
