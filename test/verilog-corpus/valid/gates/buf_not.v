// construct: buf and not with several outputs
// section: IEEE 1364-2005 7.3
// expect: valid
module buf_not(input a, output y1, y2, n1, n2);
  buf b1 (y1, y2, a);
  not n (n1, n2, a);
endmodule
