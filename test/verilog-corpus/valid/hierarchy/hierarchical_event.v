// construct: triggering an event in a child module
// section: IEEE 1364-2005 12.5
// expect: valid
module he_leaf;
  event go;
  always @go $display("go");
endmodule
module hierarchical_event;
  he_leaf u ();
  initial #1 -> u.go;
endmodule
