// construct: every net type
// section: IEEE 1364-2005 4.6
// expect: valid
module net_types;
  wire a;
  tri b;
  wand c;
  wor d;
  triand e;
  trior f;
  tri0 g;
  tri1 h;
  supply0 gnd;
  supply1 vdd;
  uwire u;
  assign a = vdd, b = gnd, c = a, d = b, u = a;
  assign e = 1'b1, f = 1'b0;
endmodule
