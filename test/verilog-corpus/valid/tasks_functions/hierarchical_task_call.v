// construct: a task called through a hierarchical name (top.u1.check)
// section: IEEE 1364-2005 10.2.2
// expect: valid
module checker_unit;
  reg [7:0] seen;
  task check;
    input [7:0] v;
    begin
      seen = v;
      $display("checked %h", v);
    end
  endtask
endmodule
module hierarchical_task_call;
  checker_unit u1 ();
  initial begin
    u1.check(8'h5A);
    hierarchical_task_call.u1.check(8'hA5);
  end
endmodule
