// construct: an argument-less call to a task that is not defined
// section: IEEE 1364-2005 10.2.2
// expect: error on line 6
module task_no_args;
  initial begin
    reset_all; // error
  end
endmodule
