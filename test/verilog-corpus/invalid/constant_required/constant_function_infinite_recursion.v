// construct: a constant function that recurses without end
// section: IEEE 1364-2005 10.4.5
// expect: error on line 9
module constant_function_infinite_recursion;
  function automatic integer forever_f;
    input integer n;
    forever_f = forever_f(n + 1);
  endfunction
  localparam P = forever_f(0); // error
  wire [P:0] w;
endmodule
