// construct: a task called with too many arguments
// section: IEEE 1364-2005 10.2.2
// expect: error on line 7
module task_too_many;
  reg [3:0] r;
  task set; output [3:0] o; o = 4'd1; endtask
  initial set(r, r); // error
endmodule
