// construct: a continuous assignment to a whole array of nets
// section: IEEE 1364-2005 6.1.2
// expect: error on line 6
module assign_whole_net_array;
  wire [1:0] x [1:0];
  assign x = 2'b11; // error
endmodule
