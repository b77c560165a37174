// construct: a generate if with single items and no begin/end
// section: IEEE 1364-2005 12.4.2
// expect: valid
module if_without_block #(parameter INVERT = 0) (input a, output y);
  if (INVERT) assign y = ~a;
  else assign y = a;
endmodule
