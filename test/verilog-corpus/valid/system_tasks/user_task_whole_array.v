// construct: a user-defined (PLI) system task given a whole array and an event (it receives handles)
// section: IEEE 1364-2005 20.1
// expect: valid
module user_task_whole_array;
  reg [7:0] mem [0:3];
  event e;
  initial $my_monitor(mem, e);
endmodule
