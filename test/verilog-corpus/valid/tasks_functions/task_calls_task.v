// construct: a task calling another task
// section: IEEE 1364-2005 10.2.2
// expect: valid
module task_calls_task;
  reg [3:0] r;
  task inner; output [3:0] o; o = 4'd5; endtask
  task outer; output [3:0] o; inner(o); endtask
  initial outer(r);
endmodule
