// construct: a task with no arguments, enabled without parentheses
// section: IEEE 1364-2005 10.2.2
// expect: valid
module task_no_args;
  reg done = 0;
  task finish_up;
    done = 1;
  endtask
  initial finish_up;
endmodule
