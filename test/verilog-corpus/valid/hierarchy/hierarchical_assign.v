// construct: assigning a variable in another module through its hierarchical name
// section: IEEE 1364-2005 12.5
// expect: valid
module ha_leaf;
  reg [7:0] r;
endmodule
module hierarchical_assign;
  ha_leaf u ();
  initial u.r = 8'h11;
endmodule
