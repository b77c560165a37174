// construct: a task disabling itself to return early
// section: IEEE 1364-2005 10.3
// expect: valid
module task_disable_self;
  integer n;
  task find;
    input [7:0] v;
    integer i;
    begin
      n = -1;
      for (i = 0; i < 8; i = i + 1)
        if (v[i]) begin n = i; disable find; end
    end
  endtask
  initial find(8'b0010_0000);
endmodule
