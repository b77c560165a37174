// construct: a constant function evaluated with an overridden parameter
// section: IEEE 1364-2005 10.4.5
// expect: valid
module cf_leaf #(parameter N = 4) (output [clog(N):0] y);
  function integer clog;
    input integer v;
    integer k;
    begin
      clog = 0;
      for (k = v - 1; k > 0; k = k >> 1) clog = clog + 1;
    end
  endfunction
  assign y = 0;
endmodule
module constant_function_param_override(output [5:0] y);
  cf_leaf #(.N(40)) u (.y(y));
endmodule
