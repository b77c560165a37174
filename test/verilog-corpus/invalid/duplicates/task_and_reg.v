// construct: a task named like a reg
// section: IEEE 1364-2005 4.11
// expect: error on line 6
module task_and_reg;
  reg t;
  task t; $display("t"); endtask // error
endmodule
