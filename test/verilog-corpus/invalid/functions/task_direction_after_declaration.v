// construct: a task input whose direction comes after its integer declaration
// section: IEEE 1364-2005 10.2.1
// expect: error on line 7
module task_direction_after_declaration;
  task t;
    integer x;
    input x; // error
    $display(x);
  endtask
  initial t(1);
endmodule
