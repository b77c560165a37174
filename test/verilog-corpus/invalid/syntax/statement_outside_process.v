// construct: a procedural statement directly in a module
// section: IEEE 1364-2005 9.1
// expect: error on line 6
module statement_outside_process(input a);
  reg r;
  r = a; // error
endmodule
