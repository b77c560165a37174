// construct: a function calling another function
// section: IEEE 1364-2005 10.4.3
// expect: valid
module function_calls_function(input [7:0] a, output [7:0] y);
  function [7:0] inc; input [7:0] v; inc = v + 1; endfunction
  function [7:0] inc2; input [7:0] v; inc2 = inc(inc(v)); endfunction
  assign y = inc2(a);
endmodule
