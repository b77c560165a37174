// construct: a constant function in a generate loop bound
// section: IEEE 1364-2005 10.4.5
// expect: valid
module constant_function_generate(input [7:0] a, output [7:0] y);
  function integer count;
    input integer n;
    count = n * 2;
  endfunction
  genvar i;
  generate
    for (i = 0; i < count(4); i = i + 1) begin : g
      assign y[i] = ~a[i];
    end
  endgenerate
endmodule
