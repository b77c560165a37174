// construct: posedge of a real
// section: IEEE 1364-2005 4.8.1
// expect: error on line 6
module real_in_edge;
  real r;
  always @(posedge r) $display("edge"); // error
endmodule
