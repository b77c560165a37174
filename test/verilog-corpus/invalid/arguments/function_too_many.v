// construct: a function called with too many arguments
// section: IEEE 1364-2005 10.4.3
// expect: error on line 6
module function_too_many(input [3:0] a, output [3:0] y);
  function [3:0] inc; input [3:0] v; inc = v + 1; endfunction
  assign y = inc(a, a); // error
endmodule
