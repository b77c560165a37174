// construct: an empty specify block
// section: IEEE 1364-2005 14.1
// expect: valid
module empty_specify(input a, output y);
  assign y = a;
  specify
  endspecify
endmodule
