// construct: a recursive constant function
// section: IEEE 1364-2005 10.4.5
// expect: valid
module constant_function_recursive(output [P-1:0] y);
  function automatic integer pow2;
    input integer n;
    pow2 = n == 0 ? 1 : 2 * pow2(n - 1);
  endfunction
  localparam P = pow2(3);
  assign y = 0;
endmodule
