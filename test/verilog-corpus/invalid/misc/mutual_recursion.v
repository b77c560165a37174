// construct: two modules instantiating each other
// section: IEEE 1364-2005 12.1.2
// expect: error on line 8
module mr_a(input a, output y);
  mr_b u (a, y);
endmodule
module mr_b(input a, output y);
  mr_a u (a, y); // error
endmodule
module mutual_recursion(input a, output y);
  mr_a top_u (a, y);
endmodule
