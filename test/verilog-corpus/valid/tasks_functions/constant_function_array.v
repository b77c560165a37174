// construct: a constant function with a local array
// section: IEEE 1364-2005 10.4.5
// expect: valid
module constant_function_array;
  function integer sum_squares(input integer n);
    integer k;
    reg [15:0] sq [0:7];
    begin
      for (k = 0; k < 8; k = k + 1) sq[k] = k * k;
      sum_squares = 0;
      for (k = 0; k < n; k = k + 1) sum_squares = sum_squares + sq[k];
    end
  endfunction
  localparam S = sum_squares(4);
  reg [S-1:0] r;
endmodule
