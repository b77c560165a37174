// construct: integer and real functions
// section: IEEE 1364-2005 10.4.1
// expect: valid
module function_integer_real;
  function integer square;
    input integer x;
    square = x * x;
  endfunction
  function real half;
    input real x;
    half = x / 2.0;
  endfunction
  initial $display("%0d %f", square(7), half(3.0));
endmodule
