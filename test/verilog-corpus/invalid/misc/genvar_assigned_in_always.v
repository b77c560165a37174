// construct: a genvar assigned in procedural code
// section: IEEE 1364-2005 12.4.1
// expect: error on line 6
module genvar_assigned_in_always;
  genvar g;
  initial g = 0; // error
endmodule
