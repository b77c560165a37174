// construct: a function defined twice
// section: IEEE 1364-2005 10.4.1
// expect: error on line 6
module function_twice;
  function f; input v; f = v; endfunction
  function f; input v; f = ~v; endfunction // error
endmodule
