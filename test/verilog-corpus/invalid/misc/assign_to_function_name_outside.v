// construct: assigning a function's name outside the function
// section: IEEE 1364-2005 10.4.2
// expect: error on line 6
module assign_to_function_name_outside;
  function f; input v; f = v; endfunction
  initial f = 1'b1; // error
endmodule
