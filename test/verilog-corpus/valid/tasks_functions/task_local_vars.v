// construct: a task with local variables and a named block
// section: IEEE 1364-2005 10.2.1
// expect: valid
module task_local_vars;
  task count_ones;
    input [7:0] v;
    output [3:0] n;
    integer i;
    begin : body
      n = 0;
      for (i = 0; i < 8; i = i + 1) n = n + v[i];
    end
  endtask
  reg [3:0] c;
  initial count_ones(8'b1011_0001, c);
endmodule
