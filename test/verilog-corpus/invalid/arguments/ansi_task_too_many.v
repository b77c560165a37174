// construct: an ANSI-style task called with too many arguments
// section: IEEE 1364-2005 10.2.2
// expect: error on line 8
module ansi_task_too_many;
  task automatic show(input [3:0] v);
    $display("%d", v);
  endtask
  initial show(1, 2); // error
endmodule
