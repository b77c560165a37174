// construct: a replication count taken from a wire
// section: IEEE 1364-2005 5.1.12
// expect: error on line 5
module replication_count_wire(input [1:0] n, input a, output [3:0] y);
  assign y = {n{a}}; // error
endmodule
