// construct: a replication without its inner braces
// section: IEEE 1364-2005 5.1.12
// expect: error on line 5
module replication_missing_brace(input a, output [3:0] y);
  assign y = {4 a}; // error
endmodule
