// construct: a task called with too few arguments
// section: IEEE 1364-2005 10.2.2
// expect: error on line 7
module task_too_few;
  reg [3:0] r;
  task add; input [3:0] a, b; output [3:0] s; s = a + b; endtask
  initial add(4'd1, r); // error
endmodule
