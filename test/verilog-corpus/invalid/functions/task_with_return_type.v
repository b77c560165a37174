// construct: a task declared with a return range
// section: IEEE 1364-2005 10.2.1
// expect: error on line 5
module task_with_return_type;
  task [3:0] t; // error
    $display("t");
  endtask
endmodule
