// construct: a function with no arguments
// section: IEEE 1800-2017 13.4
// expect: valid
module function_no_inputs(output [3:0] y);
  function [3:0] seven();
    seven = 4'd7;
  endfunction
  assign y = seven();
endmodule
