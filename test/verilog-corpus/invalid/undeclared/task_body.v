// construct: an undeclared identifier inside a task
// section: IEEE 1364-2005 10.2.1
// expect: error on line 7
module task_body;
  task t;
    input v;
    result = v; // error
  endtask
  initial t(1'b0);
endmodule
