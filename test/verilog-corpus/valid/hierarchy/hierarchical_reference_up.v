// construct: upward name referencing by module name
// section: IEEE 1364-2005 12.6
// expect: valid
module hru_leaf;
  initial #1 $display("%b", hierarchical_reference_up.flag);
endmodule
module hierarchical_reference_up;
  reg flag = 1'b1;
  hru_leaf u ();
endmodule
