// construct: system functions called without parentheses
// section: IEEE 1364-2005 17.7
// expect: valid
module system_function_no_parens;
  integer r;
  initial begin
    r = $random;
    r = $time;
    $display;
    $write;
  end
endmodule
