// construct: a tristate driver on an inout port
// section: IEEE 1364-2005 6.1.2
// expect: valid
module assign_to_inout(input oe, input d, inout pad, output q);
  assign pad = oe ? d : 1'bz;
  assign q = pad;
endmodule
