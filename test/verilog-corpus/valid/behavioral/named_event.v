// construct: named events
// section: IEEE 1364-2005 9.7.3
// expect: valid
module named_event;
  event e;
  initial #1 -> e;
  initial @(e) $display("got e");
endmodule
