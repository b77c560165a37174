// construct: a direction declared for a name missing from the port list
// section: IEEE 1364-2005 12.3.3
// expect: error on line 7
module direction_for_non_port(a, y);
  input a;
  output y;
  input extra; // error
  assign y = a;
endmodule
