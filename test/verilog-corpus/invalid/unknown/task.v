// construct: a call to a task that is not defined
// section: IEEE 1364-2005 10.2.2
// expect: error on line 5
module unknown_task;
  initial do_something(1); // error
endmodule
