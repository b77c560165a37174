// construct: a function enabling a task (the standard forbids it; all three tools accept it)
// section: IEEE 1364-2005 10.4.4
// expect: valid
module function_calls_task(output y);
  task t; $display("t"); endtask
  function f;
    input v;
    begin
      t;
      f = v;
    end
  endfunction
  assign y = f(1'b0);
endmodule
