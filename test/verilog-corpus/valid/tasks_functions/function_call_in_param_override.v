// construct: a constant function result passed as a parameter override
// section: IEEE 1364-2005 10.4.5
// expect: valid
module fcp_leaf #(parameter W = 1) (output [W-1:0] y);
  assign y = {W{1'b1}};
endmodule
module function_call_in_param_override(output [5:0] y);
  function integer six; input integer unused; six = 6; endfunction
  fcp_leaf #(six(0)) u (y);
endmodule
