// construct: a function with inputs called without arguments
// section: IEEE 1364-2005 10.4.3
// expect: error on line 6
module function_no_args_given(output [3:0] y);
  function [3:0] inc; input [3:0] v; inc = v + 1; endfunction
  assign y = inc(); // error
endmodule
