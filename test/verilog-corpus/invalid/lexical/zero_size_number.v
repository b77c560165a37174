// construct: a literal of size zero
// section: IEEE 1364-2005 3.5.1
// expect: error on line 5
module zero_size_number(output y);
  assign y = 0'b1; // error
endmodule
