// construct: a task with an inout argument
// section: IEEE 1364-2005 10.2.2
// expect: valid
module task_inout;
  reg [3:0] v = 4'd1;
  task bump;
    inout [3:0] x;
    x = x + 1;
  endtask
  initial begin
    bump(v);
    bump(v);
    $display("%d", v);
  end
endmodule
