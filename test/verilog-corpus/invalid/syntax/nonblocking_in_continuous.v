// construct: <= used in a continuous assignment
// section: IEEE 1364-2005 6.1.2
// expect: error on line 5
module nonblocking_in_continuous(input a, output y);
  assign y <= a; // error
endmodule
