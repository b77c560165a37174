// construct: a procedural assignment to a specparam
// section: IEEE 1364-2005 4.10.3
// expect: error on line 6
module specparam_assigned_procedurally;
  specparam S = 1;
  initial S = 2; // error
endmodule
