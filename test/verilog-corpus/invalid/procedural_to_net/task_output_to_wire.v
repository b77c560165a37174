// construct: a task output argument bound to a wire
// section: IEEE 1364-2005 10.2.2
// expect: error on line 7
module task_output_to_wire;
  wire w;
  task get; output o; o = 1'b1; endtask
  initial get(w); // error
endmodule
