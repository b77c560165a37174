// construct: an always block whose timing comes from a task it calls
// section: IEEE 1364-2005 9.9.2
// expect: valid
module always_task_with_delay;
  reg x;
  task tick;
    #1 x = ~x;
  endtask
  always tick;
endmodule
