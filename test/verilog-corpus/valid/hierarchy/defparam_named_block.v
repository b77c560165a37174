// construct: defparam of a parameter declared in a named block and in a task
// section: IEEE 1364-2005 12.2.1
// expect: valid
module sub;
  initial begin : blk
    parameter p = 0;
    $display("%0d", p);
  end
  task t;
    parameter q = 1;
    $display("%0d", q);
  endtask
endmodule
module defparam_named_block;
  sub u();
  defparam u.blk.p = 4;
  defparam u.t.q = 5;
endmodule
