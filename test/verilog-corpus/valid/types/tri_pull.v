// construct: tri0 and tri1 nets left undriven
// section: IEEE 1364-2005 4.6.4
// expect: valid
module tri_pull(output a, b);
  tri0 p0;
  tri1 p1;
  assign a = p0;
  assign b = p1;
endmodule
