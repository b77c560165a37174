// construct: a task without endtask
// section: IEEE 1364-2005 10.2.1
// expect: error on line 7
module task_missing_endtask;
  task t;
    $display("t");
  initial t; // error
endmodule
