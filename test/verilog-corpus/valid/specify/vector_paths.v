// construct: full connections between vector ports
// section: IEEE 1364-2005 14.2.5
// expect: valid
module vector_paths(input [3:0] a, output [3:0] y);
  assign y = ~a;
  specify
    (a *> y) = 2;
    (a[0] => y[0]) = 1;
  endspecify
endmodule
