// construct: a function with a range return type
// section: IEEE 1364-2005 10.4.1
// expect: valid
module function_range(input [7:0] a, output [7:0] y);
  function [7:0] reverse;
    input [7:0] v;
    integer i;
    begin
      for (i = 0; i < 8; i = i + 1) reverse[i] = v[7-i];
    end
  endfunction
  assign y = reverse(a);
endmodule
