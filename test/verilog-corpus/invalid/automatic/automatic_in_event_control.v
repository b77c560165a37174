// construct: an automatic variable in an intra-assignment event control
// section: IEEE 1364-2005 10.2.1
// expect: error on line 8
module automatic_in_event_control;
  reg q;
  task automatic t;
    reg c;
    q <= @(posedge c) 1'b1; // error
  endtask
  initial t;
endmodule
