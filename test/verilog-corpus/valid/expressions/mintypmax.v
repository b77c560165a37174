// construct: min:typ:max expressions in delays
// section: IEEE 1364-2005 5.3
// expect: valid
module mintypmax(input a, output y);
  assign #(1:2:3, 2:3:4) y = a;
endmodule
