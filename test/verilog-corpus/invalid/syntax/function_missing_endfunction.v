// construct: a function without endfunction
// section: IEEE 1364-2005 10.4.1
// expect: error on line 9
module function_missing_endfunction(input a, output y);
  function f;
    input v;
    f = v;
  assign y = f(a);
endmodule // error
