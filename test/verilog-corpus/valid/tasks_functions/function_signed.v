// construct: a signed function
// section: IEEE 1364-2005 10.4.1
// expect: valid
module function_signed(input signed [7:0] a, output signed [7:0] y);
  function signed [7:0] neg;
    input signed [7:0] v;
    neg = -v;
  endfunction
  assign y = neg(a);
endmodule
