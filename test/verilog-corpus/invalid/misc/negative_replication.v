// construct: a negative replication count
// section: IEEE 1364-2005 5.1.12
// expect: error on line 5
module negative_replication(input a, output [3:0] y);
  assign y = {-1{a}}; // error
endmodule
