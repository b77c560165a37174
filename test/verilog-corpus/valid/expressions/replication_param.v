// construct: replication counted by a parameter
// section: IEEE 1364-2005 5.1.12
// expect: valid
module replication_param #(parameter N = 5) (input a, output [N-1:0] y);
  assign y = {N{a}};
endmodule
