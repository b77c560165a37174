// construct: a function return range bound taken from a reg
// section: IEEE 1364-2005 10.4.1
// expect: error on line 6
module function_range_variable;
  reg [3:0] w;
  function [w:0] f; // error
    input v;
    f = v;
  endfunction
endmodule
