// construct: an empty event control @()
// section: IEEE 1364-2005 9.7.2
// expect: error on line 5
module event_control_empty(input a);
  always @() $display(a); // error
endmodule
