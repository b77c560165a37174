// construct: a task input declared with a range and typed again as integer (IEEE 1364-2005 12.3.3 asks for one range; all three tools accept it, so it is a warning)
// section: IEEE 1364-2005 10.2.1
// expect: valid
module task_input_typed_with_other_range;
  task t;
    input [31:0] x;
    integer x;
    $display(x);
  endtask
  initial t(10);
endmodule
