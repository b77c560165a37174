// construct: a task output argument bound to an expression (the standard requires a variable; all three tools accept it)
// section: IEEE 1364-2005 10.2.2
// expect: valid
module task_output_to_expression;
  reg [3:0] a, b;
  task get; output [3:0] o; o = 4'd3; endtask
  initial get(a + b);
endmodule
