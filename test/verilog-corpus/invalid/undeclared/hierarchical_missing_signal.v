// construct: a hierarchical reference to a signal the child does not have
// section: IEEE 1364-2005 12.5
// expect: error on line 9
module hms_leaf;
  wire present;
endmodule
module hierarchical_missing_signal(output y);
  hms_leaf u ();
  assign y = u.absent; // error
endmodule
