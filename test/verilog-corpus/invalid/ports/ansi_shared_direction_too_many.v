// construct: too many positional connections to a module whose header shares directions
// section: IEEE 1364-2005 12.3.5
// expect: error on line 8
module asd_leaf(input C, CE, R, output Q);
  assign Q = C & CE & R;
endmodule
module ansi_shared_direction_too_many(input a, b, c, d, output q);
  asd_leaf u (a, b, c, d, q); // error
endmodule
