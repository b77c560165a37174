// construct: an unsized constant replicated inside a concatenation
// section: IEEE 1364-2005 5.1.14
// expect: error on line 6
module unsized_in_replication(input [3:0] a, output [67:0] y);
  // the replication count may be unsized; the replicated operand may not
  assign y = {a, {2{5}}}; // error
endmodule
