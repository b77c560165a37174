// construct: logical and case equality
// section: IEEE 1364-2005 5.1.6
// expect: valid
module equality(input [3:0] a, b, output e, ne, ce, cne);
  assign e = a == b;
  assign ne = a != b;
  assign ce = a === 4'bxx01;
  assign cne = b !== 4'bz;
endmodule
