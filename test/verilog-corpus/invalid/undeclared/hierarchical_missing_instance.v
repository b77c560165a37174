// construct: a hierarchical reference through an instance that does not exist
// section: IEEE 1364-2005 12.5
// expect: error on line 9
module hmi_leaf;
  wire w;
endmodule
module hierarchical_missing_instance(output y);
  hmi_leaf u ();
  assign y = v.w; // error
endmodule
