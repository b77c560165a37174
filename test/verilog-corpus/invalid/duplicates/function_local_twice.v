// construct: a function local declared twice
// section: IEEE 1364-2005 10.4.1
// expect: error on line 8
module function_local_twice(output y);
  function f;
    input v;
    reg t;
    reg t; // error
    f = v;
  endfunction
  assign y = f(1'b0);
endmodule
