// construct: wait on a named event
// section: IEEE 1364-2005 9.7.6
// expect: error on line 6
module wait_on_event;
  event e;
  initial wait (e) $display("e"); // error
endmodule
