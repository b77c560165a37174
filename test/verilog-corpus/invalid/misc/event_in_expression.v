// construct: a named event used as a value
// section: IEEE 1364-2005 9.7.3
// expect: error on line 7
module event_in_expression;
  event e;
  reg r;
  initial r = e; // error
endmodule
