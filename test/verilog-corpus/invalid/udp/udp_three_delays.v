// construct: a UDP instance given three delays (UDPs take at most two)
// section: IEEE 1364-2005 8.6
// expect: error on line 12
primitive udp_three_delays_inv (out, in);
  output out;
  input in;
  table 0 : 1; 1 : 0; endtable
endprimitive

module udp_three_delays;
  reg a; wire y;
  udp_three_delays_inv #(1, 2, 3) u (y, a); // error
endmodule
