// construct: an event named like a wire
// section: IEEE 1364-2005 4.11
// expect: error on line 6
module event_and_wire;
  wire e;
  event e; // error
endmodule
