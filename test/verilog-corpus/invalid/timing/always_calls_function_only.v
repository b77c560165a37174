// construct: an always whose only statement calls a function
// section: IEEE 1364-2005 9.9.2
// expect: error on line 7
module always_calls_function_only;
  reg y;
  function f; input v; f = ~v; endfunction
  always y = f(y); // error
endmodule
