// construct: a system task call inside a function
// section: IEEE 1364-2005 10.4.4
// expect: valid
module display_in_function(input [3:0] a, output [3:0] y);
  function [3:0] pass;
    input [3:0] v;
    begin
      $display("pass %0d", v);
      pass = v;
    end
  endfunction
  assign y = pass(a);
endmodule
