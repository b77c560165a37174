// construct: a function using a module parameter for its width
// section: IEEE 1364-2005 10.4.1
// expect: valid
module function_uses_param #(parameter W = 6) (input [W-1:0] a, output [W-1:0] y);
  function [W-1:0] rot;
    input [W-1:0] v;
    rot = {v[W-2:0], v[W-1]};
  endfunction
  assign y = rot(a);
endmodule
