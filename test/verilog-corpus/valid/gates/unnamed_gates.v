// construct: gate instances without names
// section: IEEE 1364-2005 7.1.4
// expect: valid
module unnamed_gates(input a, b, output y, z);
  and (y, a, b);
  or (z, a, b), (w, y, z);
endmodule
