// construct: a task defined twice
// section: IEEE 1364-2005 10.2.1
// expect: error on line 6
module task_twice;
  task t; $display("1"); endtask
  task t; $display("2"); endtask // error
endmodule
