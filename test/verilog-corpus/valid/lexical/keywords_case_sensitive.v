// construct: keywords are lower case; upper-case forms are identifiers
// section: IEEE 1364-2005 3.7.2
// expect: valid
module keywords_case_sensitive(input WIRE, output MODULE);
  wire Begin;
  assign Begin = WIRE;
  assign MODULE = Begin;
endmodule
