// construct: a task with arguments enabled without any
// section: IEEE 1364-2005 10.2.2
// expect: error on line 6
module task_no_args_given;
  task show; input [7:0] v; $display("%d", v); endtask
  initial show; // error
endmodule
