// construct: disable naming a function used outside it
// section: IEEE 1364-2005 10.3
// expect: error on line 6
module disable_function;
  function f; input v; f = v; endfunction
  initial disable f; // error
endmodule
