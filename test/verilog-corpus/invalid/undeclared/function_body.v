// construct: an undeclared identifier inside a function
// section: IEEE 1364-2005 10.4.1
// expect: error on line 7
module function_body(input [3:0] a, output [3:0] y);
  function [3:0] f;
    input [3:0] v;
    f = v + offset; // error
  endfunction
  assign y = f(a);
endmodule
