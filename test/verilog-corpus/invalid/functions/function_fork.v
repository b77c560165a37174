// construct: a fork-join inside a function
// section: IEEE 1364-2005 10.4.4
// expect: error on line 7
module function_fork(output y);
  function f;
    input v;
    fork // error
      f = v;
    join
  endfunction
  assign y = f(1'b0);
endmodule
