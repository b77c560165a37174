// construct: a function enabled as if it were a task
// section: IEEE 1364-2005 10.4.3
// expect: error on line 9
module function_called_as_task;
  function f;
    input v;
    f = v;
  endfunction
  initial f(1'b0); // error
endmodule
