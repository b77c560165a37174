// construct: paths with positive and negative polarity
// section: IEEE 1364-2005 14.2.7
// expect: valid
module polarity(input a, b, output y, z);
  assign y = a;
  assign z = ~b;
  specify
    (a +=> y) = 1;
    (b -=> z) = 1;
  endspecify
endmodule
