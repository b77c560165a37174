// construct: a constant function computing a parameter
// section: IEEE 1364-2005 10.4.5
// expect: valid
module constant_function_param(output [WIDTH-1:0] y);
  parameter DEPTH = 300;
  function integer log2ceil;
    input integer n;
    integer v;
    begin
      v = n - 1;
      for (log2ceil = 0; v > 0; log2ceil = log2ceil + 1) v = v >> 1;
    end
  endfunction
  localparam WIDTH = log2ceil(DEPTH);
  assign y = {WIDTH{1'b1}};
endmodule
