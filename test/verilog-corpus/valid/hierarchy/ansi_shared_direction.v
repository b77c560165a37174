// construct: ANSI port list where one direction covers several names
// section: IEEE 1364-2005 12.3.4
// expect: valid
module leaf(input C, CE, R, output Q);
  assign Q = C & CE & ~R;
endmodule
module ansi_shared_direction(input c, ce, r, output q);
  leaf u (c, ce, r, q);
endmodule
