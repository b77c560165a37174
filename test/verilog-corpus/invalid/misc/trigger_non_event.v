// construct: -> on a reg
// section: IEEE 1364-2005 9.7.3
// expect: error on line 6
module trigger_non_event;
  reg r;
  initial -> r; // error
endmodule
