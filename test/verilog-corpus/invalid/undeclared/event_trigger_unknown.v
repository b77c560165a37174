// construct: triggering an undeclared event
// section: IEEE 1364-2005 9.7.3
// expect: error on line 5
module event_trigger_unknown;
  initial -> go; // error
endmodule
