// construct: a task output argument bound to a constant
// section: IEEE 1364-2005 10.2.2
// expect: error on line 6
module task_output_to_constant;
  task get; output [3:0] o; o = 4'd3; endtask
  initial get(4'd0); // error
endmodule
