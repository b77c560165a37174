// construct: an undeclared identifier passed to $display
// section: IEEE 1364-2005 17.1
// expect: error on line 5
module system_arg;
  initial $display("%d", missing_value); // error
endmodule
