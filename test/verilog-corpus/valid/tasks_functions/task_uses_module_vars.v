// construct: a task reading and writing module variables
// section: IEEE 1364-2005 10.2.1
// expect: valid
module task_uses_module_vars;
  reg [7:0] shared;
  task clear;
    shared = 0;
  endtask
  initial begin
    shared = 8'hFF;
    clear;
  end
endmodule
