// construct: an undeclared identifier in a wait statement
// section: IEEE 1364-2005 9.7.6
// expect: error on line 5
module wait_condition;
  initial wait (ready) $display("go"); // error
endmodule
