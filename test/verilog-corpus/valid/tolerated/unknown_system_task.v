// construct: a call to a system task no tool defines (a warning: the PLI may add system tasks, and iverilog accepts it)
// section: IEEE 1364-2005 17
// expect: valid
module unknown_system_task;
  initial $no_such_system_task(1);
endmodule
