// construct: a task called from nested named blocks
// section: IEEE 1364-2005 10.2.2
// expect: valid
module task_in_named_block_call;
  integer n = 0;
  task incr; n = n + 1; endtask
  initial begin : a
    begin : b
      incr;
    end
  end
endmodule
