// construct: a function called with too few arguments
// section: IEEE 1364-2005 10.4.3
// expect: error on line 6
module function_too_few(input [3:0] a, output [3:0] y);
  function [3:0] add; input [3:0] p, q; add = p + q; endfunction
  assign y = add(a); // error
endmodule
