// construct: a non-ANSI port given a direction twice
// section: IEEE 1364-2005 12.3.3
// expect: error on line 6
module port_declared_twice(a);
  input a;
  input a; // error
endmodule
