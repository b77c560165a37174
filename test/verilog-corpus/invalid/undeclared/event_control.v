// construct: an undeclared identifier in an event control
// section: IEEE 1364-2005 9.7.2
// expect: error on line 5
module event_control(output reg q);
  always @(posedge clk) q <= 1'b1; // error
endmodule
