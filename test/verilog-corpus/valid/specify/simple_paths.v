// construct: simple parallel and full module paths
// section: IEEE 1364-2005 14.2.2
// expect: valid
module simple_paths(input a, b, output y, z);
  assign y = a & b;
  assign z = a | b;
  specify
    (a => y) = 2;
    (a, b *> z) = (1, 2);
    (b => y) = (1:2:3);
  endspecify
endmodule
