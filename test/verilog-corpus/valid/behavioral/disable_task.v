// construct: disable of a task
// section: IEEE 1364-2005 10.3
// expect: valid
module disable_task;
  task long_job;
    begin #100 $display("finished"); end
  endtask
  initial long_job;
  initial #10 disable long_job;
endmodule
