// construct: a lone $ where a system task is expected
// section: IEEE 1364-2005 3.7.3
// expect: error on line 5
module lone_dollar;
  initial $ ("x"); // error
endmodule
