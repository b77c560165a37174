// construct: an automatic task called by a hierarchical name
// section: IEEE 1364-2005 10.2.1
// expect: valid
module automatic_task_hierarchical_call_lib;
  task automatic check(input a, input b);
    if (a !== b) $display("FAILED");
  endtask
endmodule

module automatic_task_hierarchical_call;
  reg x = 1'b0;
  automatic_task_hierarchical_call_lib lib ();
  initial #1 lib.check(x, 1'b0);
endmodule
