// construct: a task called inside an expression
// section: IEEE 1364-2005 10.2.2
// expect: error on line 10
module task_called_as_function;
  reg r;
  task t;
    output o;
    o = 1'b1;
  endtask
  initial r = t(r); // error
endmodule
