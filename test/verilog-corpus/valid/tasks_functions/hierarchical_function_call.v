// construct: a function called through a hierarchical name
// section: IEEE 1364-2005 10.4.3
// expect: valid
module helper_unit;
  function [3:0] twice;
    input [3:0] v;
    twice = v << 1;
  endfunction
endmodule
module hierarchical_function_call;
  helper_unit h ();
  reg [3:0] r;
  initial r = h.twice(4'd3);
endmodule
